package io.lumos.source.files;

import static io.lumos.source.files.ColumnProfile.isDigit;

/**
 * Recognises dates, times and timestamps in the spellings CSV files use: ISO 8601
 * ({@code 2024-01-31}, {@code 2024-01-31T10:00:00.123+01:00}), slashes and dots in either day or
 * month order ({@code 31/01/2024}, {@code 1/31/24}, {@code 31.01.2024}), {@code Dec 8, 2022}, and
 * times with AM/PM. A zone (Z, +hh:mm, UTC) makes a timestamptz. Hand-written index scans rather than
 * DateTimeFormatter, because it runs on every sampled cell.
 */
final class Temporal {
    private static final String[] MONTHS = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
    };

    private Temporal() {}

    /** DATE|TIMESTAMP for a date (a date is also a midnight timestamp), TIMESTAMP(TZ), TIME, or 0. */
    static int kinds(String v) {
        int len = v.length();
        if (len < 4 || len > 40) {
            return 0;
        }
        int dateEnd = date(v);
        if (dateEnd > 0) {
            if (dateEnd == len) {
                return ColumnProfile.DATE | ColumnProfile.TIMESTAMP;
            }
            char sep = v.charAt(dateEnd);
            if (sep != 'T' && sep != ' ') {
                return 0;
            }
            int timeEnd = time(v, dateEnd + 1);
            if (timeEnd < 0) {
                return 0;
            }
            if (timeEnd == len) {
                return ColumnProfile.TIMESTAMP;
            }
            return zone(v, timeEnd) ? ColumnProfile.TIMESTAMPTZ : 0;
        }
        int timeEnd = time(v, 0);
        return timeEnd == len ? ColumnProfile.TIME : 0;
    }

    /** The index after a date at the start of {@code v}, or -1. */
    private static int date(String v) {
        int len = v.length();
        int a = digits(v, 0);
        if (a == 4 && len >= 8) {
            char sep = v.charAt(4);
            if (sep != '-' && sep != '/' && sep != '.') {
                return -1;
            }
            int m = digits(v, 5);
            if (m < 1 || m > 2 || 5 + m >= len || v.charAt(5 + m) != sep) {
                return -1;
            }
            int dStart = 6 + m;
            int d = digits(v, dStart);
            if (d < 1 || d > 2) {
                return -1;
            }
            int month = num(v, 5, 5 + m);
            int day = num(v, dStart, dStart + d);
            return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? dStart + d : -1;
        }
        if (a >= 1 && a <= 2 && len >= 6) {
            char sep = v.charAt(a);
            if (sep != '/' && sep != '.' && sep != '-') {
                return -1;
            }
            int b = digits(v, a + 1);
            if (b < 1 || b > 2 || a + 1 + b >= len || v.charAt(a + 1 + b) != sep) {
                return -1;
            }
            int yStart = a + 2 + b;
            int y = digits(v, yStart);
            if (y != 2 && y != 4) {
                return -1;
            }
            int first = num(v, 0, a);
            int second = num(v, a + 1, a + 1 + b);
            // either day/month or month/day: both parts must be a day and one of them a month
            boolean dm = first >= 1 && first <= 31 && second >= 1 && second <= 12;
            boolean md = first >= 1 && first <= 12 && second >= 1 && second <= 31;
            return dm || md ? yStart + y : -1;
        }
        if (a == 0) {
            return monthNameDate(v);
        }
        return -1;
    }

    /** {@code Dec 8, 2022} or {@code December 8, 2022}. */
    private static int monthNameDate(String v) {
        int len = v.length();
        int i = 0;
        while (i < len && Character.isLetter(v.charAt(i))) {
            i++;
        }
        if (i < 3 || i > 9 || !isMonth(v.substring(0, 3)) || i >= len || v.charAt(i) != ' ') {
            return -1;
        }
        i++;
        int d = digits(v, i);
        if (d < 1 || d > 2) {
            return -1;
        }
        i += d;
        if (i + 1 < len && v.charAt(i) == ',' && v.charAt(i + 1) == ' ') {
            i += 2;
        } else if (i < len && v.charAt(i) == ' ') {
            i++;
        } else {
            return -1;
        }
        return digits(v, i) == 4 ? i + 4 : -1;
    }

    private static boolean isMonth(String three) {
        String lower = three.toLowerCase(java.util.Locale.ROOT);
        for (String m : MONTHS) {
            if (m.equals(lower)) {
                return true;
            }
        }
        return false;
    }

    /** The index after {@code H:MM[:SS[.fff]][ AM]} from {@code at}, or -1. */
    private static int time(String v, int at) {
        int len = v.length();
        int h = digits(v, at);
        if (h < 1 || h > 2) {
            return -1;
        }
        int i = at + h;
        if (i >= len || v.charAt(i) != ':' || digits(v, i + 1) != 2) {
            return -1;
        }
        int hour = num(v, at, at + h);
        int minute = num(v, i + 1, i + 3);
        if (hour > 24 || minute > 59) {
            return -1;
        }
        i += 3;
        if (i < len && v.charAt(i) == ':') {
            if (digits(v, i + 1) != 2 || num(v, i + 1, i + 3) > 60) {
                return -1;
            }
            i += 3;
            if (i < len && (v.charAt(i) == '.' || v.charAt(i) == ',')) {
                int f = digits(v, i + 1);
                if (f < 1 || f > 9) {
                    return -1;
                }
                i += 1 + f;
            }
        }
        int j = i < len && v.charAt(i) == ' ' ? i + 1 : i;
        if (j + 1 < len) {
            char c0 = Character.toUpperCase(v.charAt(j));
            char c1 = Character.toUpperCase(v.charAt(j + 1));
            if ((c0 == 'A' || c0 == 'P') && c1 == 'M' && (j + 2 == len || !Character.isLetter(v.charAt(j + 2)))) {
                return hour >= 1 && hour <= 12 ? j + 2 : -1;
            }
        }
        return i;
    }

    /** Whether the rest of {@code v} from {@code at} is a zone: Z, ±hh[:mm], ±hhmm, UTC, GMT. */
    private static boolean zone(String v, int at) {
        int len = v.length();
        int i = at < len && v.charAt(at) == ' ' ? at + 1 : at;
        if (i >= len) {
            return false;
        }
        String rest = v.substring(i);
        if (rest.equals("Z")) {
            return true;
        }
        // an abbreviation after a space: UTC, GMT, EST, CEST
        if (i > at && rest.length() >= 3 && rest.length() <= 4 && rest.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            return true;
        }
        char sign = rest.charAt(0);
        if (sign != '+' && sign != '-') {
            return false;
        }
        int h = digits(rest, 1);
        if (h == 2 && rest.length() == 3) {
            return true;
        }
        if (h == 4 && rest.length() == 5) {
            return true;
        }
        return h == 2 && rest.length() == 6 && rest.charAt(3) == ':' && digits(rest, 4) == 2;
    }

    private static int digits(String v, int at) {
        int i = at;
        while (i < v.length() && isDigit(v.charAt(i))) {
            i++;
        }
        return i - at;
    }

    private static int num(String v, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (v.charAt(i) - '0');
        }
        return n;
    }
}
