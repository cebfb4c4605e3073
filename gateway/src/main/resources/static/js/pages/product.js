// One product: picture, price, live stock (never cached: it is what checkout decides on),
// and a quantity to add to the cart.

import { api } from '../api.js';
import { h, fill, money, heading, field, showErrors, clearErrors, busy, wholeNumber, product as lookup } from '../ui.js';
import { setCart } from '../state.js';

export async function productPage({ signal }, id) {
	const product = await lookup(id);
	if (!product) {
		return h('section', { class: 'page' },
			heading('Product not found'),
			h('p', null, `The catalog has no product “${id}”. It may have been removed, or the address is mistyped.`),
			h('p', null, h('a', { href: '#/' }, 'Browse the catalog')));
	}
	const stock = h('p', { class: 'stock', id: 'stock' }, 'Checking stock…');
	loadStock(product.id, stock, signal);

	const form = h('form', { class: 'add-form', novalidate: true },
		field({ id: 'quantity', label: 'Quantity', type: 'number', value: '1', inputmode: 'numeric', min: 1,
			max: 100, size: 4 }),
		h('div', { class: 'form-alert' }),
		h('button', { type: 'submit', class: 'button' }, 'Add to cart'),
		h('p', { class: 'form-status', role: 'status' }));
	form.addEventListener('submit', (event) => {
		event.preventDefault();
		add(form, product);
	});

	return h('section', { class: 'page product' },
		h('nav', { class: 'breadcrumb', 'aria-label': 'Breadcrumb' },
			h('a', { href: `#/?category=${encodeURIComponent(product.category)}` }, '← Back to the category')),
		h('div', { class: 'product-layout' },
			h('img', { src: product.image, alt: '', width: 320, height: 240, class: 'product-image' }),
			h('div', { class: 'product-info' },
				heading(product.name),
				h('p', { class: 'sku' }, `Product ${product.id}`),
				h('p', { class: 'price big' }, money(product.price)),
				stock,
				h('p', null, product.description),
				form)));
}

async function loadStock(id, element, signal) {
	try {
		const { data } = await api('GET', `/api/catalog/products/${encodeURIComponent(id)}/stock`, { signal });
		element.classList.toggle('sold-out', data.available === 0);
		element.textContent = data.available === 0 ? 'Sold out'
			: data.available <= 5 ? `Only ${data.available} left in stock` : `In stock: ${data.available} available`;
	}
	catch (error) {
		if (error?.name === 'AbortError') return;
		element.textContent = 'Stock cannot be checked right now; it is confirmed when you check out.';
	}
}

async function add(form, product) {
	const status = form.querySelector('.form-status');
	clearErrors(form);
	fill(status);
	const raw = form.querySelector('#quantity').value.trim();
	if (!/^-?\d+$/.test(raw)) {
		showErrors(form, wholeNumber(), { fields: { quantity: 'quantity' } });
		return;
	}
	// a whole number is sent as typed: the API's limits decide, its message shows here
	const quantity = Number(raw);
	try {
		const response = await busy(form.querySelector('button[type=submit]'), 'Adding…',
			() => api('POST', '/api/cart/lines', { body: { productId: product.id, quantity } }));
		setCart(response.data);
		const line = response.data.lines.find((l) => l.productId === product.id);
		fill(status, `Added to your cart (${line ? line.quantity : quantity} in total). `,
			h('a', { href: '#/cart' }, 'View cart'));
	}
	catch (error) {
		showErrors(form, error, { fields: { quantity: 'quantity' },
			byKind: { 'cart-limit': 'quantity', 'bad-request': 'quantity', 'invalid-request': 'quantity' },
			onRetry: () => add(form, product) });
	}
}

