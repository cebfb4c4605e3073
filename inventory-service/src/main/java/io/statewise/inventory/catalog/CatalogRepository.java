package io.statewise.inventory.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Catalog reads; plain SQL because search, paging and sorting are the whole job. */
@Repository
class CatalogRepository {

	private static final String COLUMNS = "id, name, description, category_id, price_minor, currency, image";

	private static final String FILTER = """
			WHERE (CAST(:category AS text) IS NULL OR category_id = :category)
			  AND (CAST(:text AS text) IS NULL
			       OR search @@ plainto_tsquery('simple', :text)
			       OR strpos(lower(name), lower(:text)) > 0)
			""";

	private final JdbcClient jdbc;

	CatalogRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	ProductPage find(CatalogQuery query) {
		long total = this.jdbc.sql("SELECT count(*) FROM product " + FILTER)
			.param("category", query.category())
			.param("text", query.text())
			.query(Long.class)
			.single();
		List<Product> items = this.jdbc
			.sql("SELECT " + COLUMNS + " FROM product " + FILTER + " ORDER BY " + query.sort().orderBy
					+ " LIMIT :limit OFFSET :offset")
			.param("category", query.category())
			.param("text", query.text())
			.param("limit", query.size())
			.param("offset", (long) query.page() * query.size())
			.query(CatalogRepository::product)
			.list();
		int totalPages = (int) ((total + query.size() - 1) / query.size());
		return new ProductPage(items, query.page(), query.size(), total, totalPages);
	}

	Optional<Product> findById(String id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM product WHERE id = ?")
			.param(id)
			.query(CatalogRepository::product)
			.optional();
	}

	List<Category> categories() {
		return this.jdbc.sql("SELECT id, name FROM category ORDER BY position")
			.query((rs, row) -> new Category(rs.getString("id"), rs.getString("name")))
			.list();
	}

	private static Product product(ResultSet rs, int row) throws SQLException {
		return new Product(rs.getString("id"), rs.getString("name"), rs.getString("description"),
				rs.getString("category_id"), new Money(rs.getLong("price_minor"), rs.getString("currency")),
				CatalogController.IMAGES_PATH + rs.getString("image"));
	}

}
