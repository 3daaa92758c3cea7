package io.lumos.export.table;

/**
 * A column of an exported table.
 *
 * @param id the key in JSON (camelCase)
 * @param title the header users see in a sheet or CSV
 */
public record Column(String id, String title, ColumnKind kind) {
    public static Column text(String id, String title) {
        return new Column(id, title, ColumnKind.TEXT);
    }

    public static Column integer(String id, String title) {
        return new Column(id, title, ColumnKind.INTEGER);
    }

    public static Column decimal(String id, String title) {
        return new Column(id, title, ColumnKind.DECIMAL);
    }

    public static Column percent(String id, String title) {
        return new Column(id, title, ColumnKind.PERCENT);
    }

    public static Column money(String id, String title) {
        return new Column(id, title, ColumnKind.MONEY);
    }

    public static Column date(String id, String title) {
        return new Column(id, title, ColumnKind.DATE);
    }

    public static Column bool(String id, String title) {
        return new Column(id, title, ColumnKind.BOOLEAN);
    }
}
