package io.switchboard.media.dtmf;

/**
 * The 16 DTMF keys with their RFC 4733 event codes (§3.2, table 3) and their ITU-T Q.23 tone pairs
 * (row frequency from the low group, column frequency from the high group).
 */
public enum DtmfDigit {
    D0('0', 0, 941, 1336), D1('1', 1, 697, 1209), D2('2', 2, 697, 1336), D3('3', 3, 697, 1477),
    D4('4', 4, 770, 1209), D5('5', 5, 770, 1336), D6('6', 6, 770, 1477), D7('7', 7, 852, 1209),
    D8('8', 8, 852, 1336), D9('9', 9, 852, 1477), STAR('*', 10, 941, 1209), HASH('#', 11, 941, 1477),
    A('A', 12, 697, 1633), B('B', 13, 770, 1633), C('C', 14, 852, 1633), D('D', 15, 941, 1633);

    /** Q.23 low-group (row) frequencies, Hz. */
    static final int[] ROWS = {697, 770, 852, 941};
    /** Q.23 high-group (column) frequencies, Hz. */
    static final int[] COLUMNS = {1209, 1336, 1477, 1633};

    private static final DtmfDigit[] BY_EVENT = new DtmfDigit[16];
    private static final DtmfDigit[][] BY_TONES = new DtmfDigit[4][4];

    static {
        for (DtmfDigit d : values()) {
            BY_EVENT[d.event] = d;
            BY_TONES[index(ROWS, d.rowHz)][index(COLUMNS, d.columnHz)] = d;
        }
    }

    private final char symbol;
    private final int event;
    private final int rowHz;
    private final int columnHz;

    DtmfDigit(char symbol, int event, int rowHz, int columnHz) {
        this.symbol = symbol;
        this.event = event;
        this.rowHz = rowHz;
        this.columnHz = columnHz;
    }

    /** The key as printed on a phone: 0–9, *, #, A–D. */
    public char symbol() {
        return symbol;
    }

    /** The RFC 4733 event code, 0–15. */
    public int event() {
        return event;
    }

    public int rowHz() {
        return rowHz;
    }

    public int columnHz() {
        return columnHz;
    }

    /** The digit for an RFC 4733 event code, or null for codes that are not DTMF (16 = flash, …). */
    public static DtmfDigit fromEvent(int event) {
        return event >= 0 && event < 16 ? BY_EVENT[event] : null;
    }

    /** The digit for a key symbol (case-insensitive for A–D), or null. */
    public static DtmfDigit fromSymbol(char c) {
        char u = Character.toUpperCase(c);
        for (DtmfDigit d : values()) {
            if (d.symbol == u) {
                return d;
            }
        }
        return null;
    }

    static DtmfDigit fromTones(int rowIndex, int columnIndex) {
        return BY_TONES[rowIndex][columnIndex];
    }

    private static int index(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        throw new IllegalStateException();
    }
}
