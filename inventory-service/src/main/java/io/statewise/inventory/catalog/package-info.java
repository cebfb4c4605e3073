/**
 * The public catalog: products, categories, search and paging. Reads are AP: served from
 * a Redis cache, stale if PostgreSQL is down.
 */
@NullMarked
package io.statewise.inventory.catalog;

import org.jspecify.annotations.NullMarked;
