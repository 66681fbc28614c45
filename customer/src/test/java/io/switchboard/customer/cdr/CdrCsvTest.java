package io.switchboard.customer.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.customer.FakeClock;
import io.switchboard.customer.identity.IdentityNormalizer;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CdrCsvTest {

    @Test
    void escapesPerRfc4180() {
        assertThat(CdrCsv.escape("plain")).isEqualTo("plain");
        assertThat(CdrCsv.escape("")).isEqualTo("");
        assertThat(CdrCsv.escape("a,b")).isEqualTo("\"a,b\"");
        assertThat(CdrCsv.escape("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CdrCsv.escape("line1\nline2")).isEqualTo("\"line1\nline2\"");
        assertThat(CdrCsv.escape("cr\rhere")).isEqualTo("\"cr\rhere\"");
    }

    @Test
    void writesAHeaderAndOneCrlfRowPerCdr() throws Exception {
        FakeClock clock = new FakeClock();
        Cdr c = new CdrBuilder("id,with\"comma", "\"Li, Lei\" <sip:13800138000@x>", "4008001234", "t", "4008001234",
                new IdentityNormalizer("CN"), clock).ivr("a").ivr("b").tag("x").tag("y").busy();
        StringWriter out = new StringWriter();
        CdrCsv.write(java.util.List.of(c), out);
        String[] lines = out.toString().split("\r\n", -1);
        assertThat(lines).hasSize(3);
        assertThat(lines[2]).isEmpty();
        assertThat(lines[0]).startsWith("call_id,state,stage,from_raw");
        assertThat(lines[1]).startsWith("\"id,with\"\"comma\",final,setup,\"\"\"Li, Lei\"\" <sip:13800138000@x>\",+8613800138000,");
        assertThat(lines[1]).contains(",486,busy,callee,a>b,").endsWith(",x;y,0");
        assertThat(CsvParse.fields(lines[1])).hasSize(CdrCsv.HEADER.size());
    }

    /** A minimal RFC 4180 field splitter for one line, to check the escaping round-trips. */
    static final class CsvParse {
        static java.util.List<String> fields(String line) {
            java.util.List<String> out = new java.util.ArrayList<>();
            StringBuilder f = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        f.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        f.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    out.add(f.toString());
                    f.setLength(0);
                } else {
                    f.append(ch);
                }
            }
            out.add(f.toString());
            return out;
        }
    }
}
