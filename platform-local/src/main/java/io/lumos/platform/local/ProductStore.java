package io.lumos.platform.local;

import io.lumos.domain.DataProduct;
import io.lumos.json.ProductJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The data products of the local catalog ({@code products}), each stored as its JSON. */
final class ProductStore {
    private final CatalogDatabase db;

    ProductStore(CatalogDatabase db) {
        this.db = db;
    }

    void writeProducts(List<DataProduct> products) {
        if (products.isEmpty()) {
            return;
        }
        String now = db.now();
        db.begin();
        try (PreparedStatement upsert = db.connection.prepareStatement(
                "INSERT INTO products (name, json, updated_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET "
                        + "json = excluded.json, updated_at = excluded.updated_at WHERE products.json IS NOT excluded.json")) {
            for (DataProduct p : products) {
                upsert.setString(1, p.name());
                upsert.setString(2, ProductJson.toJson(p));
                upsert.setString(3, now);
                upsert.addBatch();
            }
            upsert.executeBatch();
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw db.failure("writing data products", e);
        }
    }

    List<DataProduct> products() {
        try (Statement s = db.connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT json FROM products ORDER BY name")) {
            List<DataProduct> out = new ArrayList<>();
            while (rs.next()) {
                out.add(ProductJson.read(rs.getString(1)));
            }
            return out;
        } catch (SQLException e) {
            db.rollback();
            throw db.failure("reading data products", e);
        }
    }
}
