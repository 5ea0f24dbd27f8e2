# Sourced by ./meridian and bench/run: finds a JDK >= 21 and exports JAVA_HOME, or exits with
# a message naming what to install.
required_java=21

java_major() { # prints the major version of the JDK at $1, or nothing
  local release="$1/release" version
  [[ -x "$1/bin/java" && -x "$1/bin/javac" ]] || return 0
  if [[ -f "$release" ]]; then
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  else
    version=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
  fi
  echo "${version:-}"
}

find_jdk() {
  if [[ -n "${JAVA_HOME:-}" ]]; then
    local major; major=$(java_major "$JAVA_HOME")
    if [[ -n "$major" && "$major" -ge "$required_java" ]]; then echo "$JAVA_HOME"; return; fi
  fi
  local best="" best_major=0 candidate major
  for candidate in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk*; do
    [[ -d "$candidate" && ! -L "$candidate" ]] || continue
    major=$(java_major "$candidate")
    if [[ -n "$major" && "$major" -ge "$required_java" && "$major" -gt "$best_major" ]]; then
      best="$candidate"; best_major="$major"
    fi
  done
  echo "$best"
}

jdk=$(find_jdk)
if [[ -z "$jdk" ]]; then
  echo "meridian: needs a JDK $required_java or newer, and none was found (JAVA_HOME or /usr/lib/jvm)." >&2
  echo "meridian: install one, e.g. 'apt-get install openjdk-21-jdk' (Debian 13+/Ubuntu 24.04) or Temurin 21 from adoptium.net, or set JAVA_HOME." >&2
  exit 1
fi
export JAVA_HOME="$jdk"
