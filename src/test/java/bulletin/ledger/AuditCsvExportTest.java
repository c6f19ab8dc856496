package bulletin.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditCsvExportTest {

    @Test
    void neutralisesValuesThatASpreadsheetWouldRunAsFormulas() {
        assertThat(AuditCsvExport.safe("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(AuditCsvExport.safe("+33 1 23")).isEqualTo("'+33 1 23");
        assertThat(AuditCsvExport.safe("-1")).isEqualTo("'-1");
        assertThat(AuditCsvExport.safe("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(AuditCsvExport.safe("alice@example.org")).isEqualTo("alice@example.org");
        assertThat(AuditCsvExport.safe(null)).isNull();
    }
}
