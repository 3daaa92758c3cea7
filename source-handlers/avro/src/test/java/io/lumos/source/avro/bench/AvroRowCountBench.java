package io.lumos.source.avro.bench;

import io.lumos.source.avro.AvroFormatReader;
import io.lumos.spi.file.CountingSeekableInput;
import io.lumos.spi.file.FileReadOptions;
import io.lumos.spi.file.FileSchema;
import io.lumos.spi.file.FileSeekableInput;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/**
 * Row count of a ~1 GB Avro container: generates it once (a real deflate block written by Avro,
 * repeated with the file's sync marker: a valid container), then times our block-header walk, and
 * once Avro Java's own block iteration for comparison. Not a test: run by bench/parquet-avro/run.sh.
 *
 * <p>args: FILE [targetBytes=1073741824] [passes=7] [compare=false]
 */
public final class AvroRowCountBench {
    static final String SCHEMA =
            """
            {"type":"record","name":"Event","namespace":"bench","fields":[
              {"name":"id","type":"long"},{"name":"user","type":"string"},
              {"name":"amount","type":["null","double"]},{"name":"ts","type":{"type":"long","logicalType":"timestamp-micros"}},
              {"name":"tags","type":{"type":"array","items":"string"}}]}""";

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long target = args.length > 1 ? Long.parseLong(args[1]) : 1L << 30;
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        if (!Files.exists(file) || Files.size(file) < target) {
            generate(file, target);
        }
        System.out.printf("file: %s, %d bytes%n", file, Files.size(file));
        AvroFormatReader reader = new AvroFormatReader();
        double[] ms = new double[passes];
        FileSchema schema = null;
        for (int i = 0; i < passes; i++) {
            long t0 = System.nanoTime();
            try (CountingSeekableInput in = new CountingSeekableInput(new FileSeekableInput(file))) {
                schema = reader.read(in, FileReadOptions.DEFAULT);
                ms[i] = (System.nanoTime() - t0) / 1e6;
                System.out.printf(
                        "pass %d: %.1f ms, rows %d, blocks %s, bytes read %d in %d reads%n",
                        i + 1, ms[i], schema.rowCount(), schema.properties().get("blocks"), in.bytesRead(), in.reads());
            }
        }
        Arrays.sort(ms);
        System.out.printf(
                "RESULT lumos row count: min %.1f ms, median %.1f ms, max %.1f ms%n",
                ms[0], ms[passes / 2], ms[passes - 1]);

        if (args.length < 4 || !Boolean.parseBoolean(args[3])) {
            return;
        }
        // Avro Java, for scale: its block iterator reads and inflates every block (records not decoded)
        long t0 = System.nanoTime();
        long rows = 0;
        try (DataFileReader<GenericRecord> r =
                new DataFileReader<>(new File(file.toString()), new GenericDatumReader<>())) {
            while (r.hasNext()) {
                rows += r.getBlockCount();
                r.nextBlock();
            }
        }
        System.out.printf(
                "RESULT avro-java DataFileReader.nextBlock: %.1f ms, rows %d (lumos: %d)%n",
                (System.nanoTime() - t0) / 1e6, rows, schema.rowCount());
    }

    /** One real block written by Avro, then repeated (count, size, bytes, sync) up to the target size. */
    static void generate(Path file, long target) throws Exception {
        Schema schema = new Schema.Parser().parse(SCHEMA);
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        try (DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
            w.setCodec(CodecFactory.deflateCodec(1));
            w.setSyncInterval(1 << 20);
            w.create(schema, one);
            Random random = new Random(42);
            for (int i = 0; i < 4000; i++) {
                GenericRecord r = new GenericData.Record(schema);
                r.put("id", (long) i);
                r.put("user", "user-" + random.nextInt(100_000));
                r.put("amount", i % 7 == 0 ? null : random.nextDouble() * 1000);
                r.put("ts", 1_700_000_000_000_000L + random.nextInt(1_000_000_000));
                r.put("tags", Arrays.asList("t" + random.nextInt(20), "u" + random.nextInt(5)));
                w.append(r);
            }
        }
        byte[] bytes = one.toByteArray();
        // header ends with the 16-byte sync marker; the file's only block follows it and ends with the same
        byte[] sync = Arrays.copyOfRange(bytes, bytes.length - 16, bytes.length);
        int headerEnd = indexOf(bytes, sync);
        byte[] header = Arrays.copyOfRange(bytes, 0, headerEnd + 16);
        byte[] block = Arrays.copyOfRange(bytes, headerEnd + 16, bytes.length);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(header);
            long written = header.length;
            while (written < target) {
                out.write(block);
                written += block.length;
            }
        }
        System.out.printf("generated %s: block of %d bytes (4000 records) repeated%n", file, block.length);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("sync marker not found");
    }
}
