package io.lumos.source.mongodb;

import java.util.Random;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonJavaScript;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonSymbol;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/** Random documents of every BSON type, nested and keyed at random: a collection nobody designed. */
final class Garbage {
    private Garbage() {}

    static BsonDocument document(Random r, int depth) {
        return document(r, depth, false);
    }

    /**
     * @param wireSafe only what mongo-java-server stores (it drops the connection on an empty key,
     *     a dotted key, symbols, code and min/max keys, all of which real MongoDB accepts)
     */
    static BsonDocument document(Random r, int depth, boolean wireSafe) {
        BsonDocument d = new BsonDocument();
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
            d.put(key(r, wireSafe), value(r, depth, wireSafe));
        }
        return d;
    }

    private static String key(Random r, boolean wireSafe) {
        return switch (wireSafe ? (r.nextBoolean() ? 0 : 3) : r.nextInt(6)) {
            case 0 -> "k" + r.nextInt(400); // many rare keys
            case 1 -> "";
            case 2 -> "dotted.key";
            default -> "f" + r.nextInt(5);
        };
    }

    private static BsonValue value(Random r, int depth, boolean wireSafe) {
        int kind = r.nextInt(depth > 4 ? 12 : 14);
        if (wireSafe && (kind == 10 || kind == 11)) {
            kind = 0;
        }
        return switch (kind) {
            case 0 -> new BsonString("s" + r.nextInt());
            case 1 -> new BsonInt32(r.nextInt());
            case 2 -> new BsonInt64(r.nextLong());
            case 3 -> new BsonDouble(r.nextDouble());
            case 4 -> BsonNull.VALUE;
            case 5 -> BsonBoolean.valueOf(r.nextBoolean());
            case 6 -> new BsonDateTime(r.nextLong());
            case 7 -> new BsonObjectId();
            case 8 -> new BsonBinary(new byte[] {1, 2, 3});
            case 9 -> new BsonDecimal128(Decimal128.parse("3.14"));
            case 10 -> new BsonJavaScript("function(){}");
            case 11 -> r.nextBoolean() ? new BsonSymbol("sym") : new BsonMinKey();
            case 12 -> document(r, depth + 1, wireSafe);
            default -> {
                BsonArray a = new BsonArray();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    a.add(value(r, depth + 1, wireSafe));
                }
                yield a;
            }
        };
    }
}
