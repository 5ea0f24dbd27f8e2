package org.meridian.scenario.tyche;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The tables of a Tyche workbook: each sheet's first row names the columns, every later row is a
 * record of cell values — numbers as {@link Double}, everything else as trimmed text.
 */
final class WorkbookTables {
    private final Map<String, List<Map<String, Object>>> sheets;

    private WorkbookTables(Map<String, List<Map<String, Object>>> sheets) {
        this.sheets = sheets;
    }

    static WorkbookTables read(InputStream input) throws IOException {
        Map<String, List<Map<String, Object>>> sheets = new HashMap<>();
        try (Workbook workbook = new XSSFWorkbook(input)) {
            for (Sheet sheet : workbook) {
                sheets.put(sheet.getSheetName(), rows(sheet));
            }
        }
        return new WorkbookTables(sheets);
    }

    Optional<List<Map<String, Object>>> sheet(String name) {
        return Optional.ofNullable(sheets.get(name));
    }

    private static List<Map<String, Object>> rows(Sheet sheet) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Row header = sheet.getRow(sheet.getFirstRowNum());
        if (header == null) {
            return rows;
        }
        Map<Integer, String> columns = new HashMap<>();
        for (Cell cell : header) {
            value(cell).ifPresent(name -> columns.put(cell.getColumnIndex(), name.toString()));
        }
        for (int index = sheet.getFirstRowNum() + 1; index <= sheet.getLastRowNum(); index++) {
            Row row = sheet.getRow(index);
            if (row == null) {
                continue;
            }
            Map<String, Object> record = new LinkedHashMap<>();
            for (Cell cell : row) {
                String column = columns.get(cell.getColumnIndex());
                if (column != null) {
                    value(cell).ifPresent(value -> record.put(column, value));
                }
            }
            if (!record.isEmpty()) {
                rows.add(record);
            }
        }
        return rows;
    }

    private static Optional<Object> value(Cell cell) {
        return switch (cell.getCellType()) {
            case NUMERIC -> Optional.of(cell.getNumericCellValue());
            case STRING -> Optional.of(cell.getStringCellValue().trim()).filter(text -> !text.isEmpty()).map(text -> text);
            case BOOLEAN -> Optional.of(String.valueOf(cell.getBooleanCellValue()));
            case FORMULA -> switch (cell.getCachedFormulaResultType()) {
                case NUMERIC -> Optional.of(cell.getNumericCellValue());
                case STRING -> Optional.of(cell.getStringCellValue().trim()).filter(text -> !text.isEmpty()).map(text -> text);
                case BOOLEAN -> Optional.of(String.valueOf(cell.getBooleanCellValue()));
                case BLANK, ERROR, FORMULA, _NONE -> Optional.empty();
            };
            case BLANK, ERROR, _NONE -> Optional.empty();
        };
    }
}
