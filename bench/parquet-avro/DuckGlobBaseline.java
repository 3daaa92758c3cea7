// The DuckDB baseline of the research notes, re-run beside our benchmark so both see the same
// machine load: every schema of the lake's small files in one glob query, fresh in-memory
// database per pass (as DuckBench glob-schema does). JDK 17 single-file program:
//
//   java -cp "$(cat /tmp/lake-cp.txt)" bench/parquet-avro/DuckGlobBaseline.java /tmp/lake/small 7
//
// (/tmp/lake-cp.txt: the classpath of shared/tools/lake/pom.xml, which has duckdb_jdbc.)
import java.sql.*;
import java.util.Arrays;

public class DuckGlobBaseline {
  public static void main(String[] args) throws Exception {
    String dir = args[0];
    int passes = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    double[] ms = new double[passes];
    for (int i = 0; i < passes; i++) {
      long t0 = System.nanoTime();
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*) FROM parquet_schema('" + dir + "/*/*.parquet')")) {
        rs.next();
        ms[i] = (System.nanoTime() - t0) / 1e6;
        System.out.printf("pass %d: %.1f ms (%d schema rows)%n", i + 1, ms[i], rs.getLong(1));
      }
    }
    Arrays.sort(ms);
    System.out.printf("RESULT duckdb glob parquet_schema: min %.1f ms, median %.1f ms, max %.1f ms%n",
        ms[0], ms[passes / 2], ms[passes - 1]);
  }
}
