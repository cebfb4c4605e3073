// The catalog: categories, search, sort and pages, all in the address (#/?category=tea&q=…)
// so that a page can be bookmarked, reloaded and gone back to.

import { api, explain } from '../api.js';
import { h, fill, money, heading, busy } from '../ui.js';
import { setCart } from '../state.js';

const SIZE = 12;

const SORTS = [
	['name', 'Name, A to Z'],
	['-name', 'Name, Z to A'],
	['price', 'Price, low to high'],
	['-price', 'Price, high to low'],
];

export async function catalogPage({ params, signal, navigate }) {
	const category = params.get('category') || '';
	const q = params.get('q') || '';
	const sort = SORTS.some(([value]) => value === params.get('sort')) ? params.get('sort') : 'name';
	const page = Math.max(0, Number.parseInt(params.get('page') || '1', 10) - 1 || 0);
	const query = new URLSearchParams({ page: String(page), size: String(SIZE), sort });
	if (category) query.set('category', category);
	if (q) query.set('q', q);

	const [categories, products] = await Promise.all([
		api('GET', '/api/catalog/categories', { signal }).then((r) => r.data.items).catch(() => null),
		api('GET', `/api/catalog/products?${query}`, { signal }),
	]);
	const result = products.data;
	const current = categories?.find((c) => c.id === category);
	const title = q ? `Search results for “${q}”` : (current ? current.name : 'All products');

	const link = (changes) => {
		const next = new URLSearchParams({ category, q, sort, page: '1', ...changes });
		for (const [key, value] of [...next]) {
			if (!value || (key === 'page' && value === '1') || (key === 'sort' && value === 'name')) next.delete(key);
		}
		const text = next.toString();
		return `#/${text ? `?${text}` : ''}`;
	};

	const search = h('form', { role: 'search', class: 'search', 'aria-label': 'Products' },
		h('label', { for: 'search-q' }, 'Search products'),
		h('div', { class: 'search-row' },
			h('input', { id: 'search-q', name: 'q', type: 'search', value: q, autocomplete: 'off' }),
			h('button', { type: 'submit', class: 'button' }, 'Search')));
	search.addEventListener('submit', (event) => {
		event.preventDefault();
		const text = search.querySelector('input').value.trim();
		navigate(link({ q: text }).slice(1));
	});

	const sortSelect = h('select', { id: 'sort', name: 'sort' },
		SORTS.map(([value, label]) => h('option', { value, selected: value === sort }, label)));
	sortSelect.addEventListener('change', () => navigate(link({ sort: sortSelect.value }).slice(1)));

	const categoryNav = categories ? h('nav', { class: 'categories', 'aria-label': 'Categories' },
		h('ul', null,
			h('li', null, h('a', { href: link({ category: '', q: '' }), 'aria-current': !category && !q ? 'page' : null },
				'All')),
			categories.map((c) => h('li', null,
				h('a', { href: link({ category: c.id, q: '' }), 'aria-current': c.id === category ? 'page' : null },
					c.name)))))
		: h('p', { class: 'hint' }, 'Categories are unavailable right now; search still works.');

	return h('section', { class: 'page catalog' },
		heading(title),
		result.stale ? staleNotice(result.asOf) : null,
		categoryNav,
		h('div', { class: 'toolbar' },
			search,
			h('div', { class: 'field inline' }, h('label', { for: 'sort' }, 'Sort by'), sortSelect)),
		h('p', { class: 'result-count', role: 'status' },
			`${result.totalItems} ${result.totalItems === 1 ? 'product' : 'products'}`
				+ (result.totalPages > 1 ? `, page ${result.page + 1} of ${result.totalPages}` : '')),
		result.items.length
			? h('ul', { class: 'grid', 'aria-label': title }, result.items.map(card))
			: h('p', { class: 'empty' }, 'No product matches. Try another word or ',
				h('a', { href: '#/' }, 'browse every product'), '.'),
		pager(result, (p) => link({ page: String(p + 1) })));
}

function staleNotice(asOf) {
	return h('p', { class: 'notice stale' },
		h('strong', null, 'Cached catalog. '),
		`The catalog database cannot be reached, so this is the copy from ${new Date(asOf).toLocaleTimeString('en-GB')}. `
			+ 'Prices and stock are confirmed when you check out.');
}

function card(product) {
	const status = h('p', { class: 'card-status', role: 'status' });
	const add = h('button', { type: 'button', class: 'button secondary small',
		'aria-label': `Add ${product.name} to cart` }, 'Add to cart');
	add.addEventListener('click', () => addToCart(add, status, product, 1));
	return h('li', { class: 'card' },
		h('a', { href: `#/product/${encodeURIComponent(product.id)}`, class: 'card-link' },
			h('img', { src: product.image, alt: '', width: 320, height: 240, loading: 'lazy' }),
			h('h2', { class: 'card-title' }, product.name)),
		h('p', { class: 'price' }, money(product.price)),
		add,
		status);
}

export function pager(result, href) {
	if (result.totalPages <= 1) {
		return null;
	}
	const page = result.page;
	return h('nav', { class: 'pager', 'aria-label': 'Pages' },
		page > 0 ? h('a', { href: href(page - 1), rel: 'prev' }, '← Previous') : h('span', { class: 'disabled' }, ''),
		h('span', null, `Page ${page + 1} of ${result.totalPages}`),
		page + 1 < result.totalPages ? h('a', { href: href(page + 1), rel: 'next' }, 'Next →') : h('span', null, ''));
}

/** Adds units from a button outside a form (the catalog's cards): the answer next to it. */
export async function addToCart(button, status, product, quantity) {
	fill(status);
	status.classList.remove('error');
	try {
		const response = await busy(button, 'Adding…',
			() => api('POST', '/api/cart/lines', { body: { productId: product.id, quantity } }));
		setCart(response.data);
		const line = response.data.lines.find((l) => l.productId === product.id);
		fill(status, `Added. ${line ? line.quantity : quantity} in your cart. `, h('a', { href: '#/cart' }, 'View cart'));
	}
	catch (error) {
		const info = explain(error);
		status.classList.add('error');
		fill(status, `${info.title}. ${info.text}`);
	}
}
