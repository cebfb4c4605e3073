// The cart of this session: change a quantity, remove a line, empty it. Lines are product
// ids and quantities (session-service); names and prices come from the catalog, so the
// total here is an estimate: the order takes its prices when inventory reserves the lines.

import { api } from '../api.js';
import { h, fill, money, heading, field, showErrors, clearErrors, busy, alertBox, productsById, wholeNumber }
	from '../ui.js';
import { refreshCart, setCart } from '../state.js';

export async function cartPage(context) {
	const cart = await refreshCart();
	const byId = await productsById(cart.lines.map((line) => line.productId));
	const section = h('section', { class: 'page cart' }, heading('Your cart'));
	const slot = h('div', { class: 'form-alert page-alert' });
	section.append(slot);
	if (!cart.lines.length) {
		section.append(h('p', { class: 'empty' }, 'Your cart is empty. ', h('a', { href: '#/' }, 'Browse the catalog'),
			' to fill it.'));
		return section;
	}
	const rerender = () => context.rerender();
	const list = h('ul', { class: 'lines' }, cart.lines.map((line, i) => lineItem(line, byId.get(line.productId), i,
		rerender)));
	const estimate = total(cart.lines, byId);
	const empty = h('button', { type: 'button', class: 'button secondary' }, 'Empty cart');
	empty.addEventListener('click', async () => {
		try {
			const response = await busy(empty, 'Emptying…', () => api('DELETE', '/api/cart'));
			setCart(response.data);
			rerender();
		}
		catch (error) {
			fill(slot, alertBox(error));
		}
	});
	section.append(list,
		h('div', { class: 'summary' },
			h('p', null, `${cart.totalQuantity} ${cart.totalQuantity === 1 ? 'item' : 'items'}`),
			h('p', { class: 'total' }, 'Estimated total: ', h('strong', { id: 'cart-total' }, estimate)),
			h('p', { class: 'hint' }, 'The order takes its prices when the warehouse reserves your items.'),
			h('div', { class: 'actions' },
				h('a', { href: '#/checkout', class: 'button' }, 'Check out'),
				empty)));
	return section;
}

function total(lines, byId) {
	let sum = 0;
	let currency = null;
	for (const line of lines) {
		const product = byId.get(line.productId);
		if (!product) return 'shown at checkout';
		currency = product.price.currency;
		sum += product.price.amountMinor * line.quantity;
	}
	return money({ amountMinor: sum, currency });
}

function lineItem(line, product, index, rerender) {
	const name = product ? product.name : (product === null ? `${line.productId} (no longer sold)` : line.productId);
	const id = `qty-${index}`;
	const form = h('form', { class: 'line-form', novalidate: true },
		field({ id, label: `Quantity of ${name}`, type: 'number', value: String(line.quantity), inputmode: 'numeric',
			min: 0, max: 100, size: 4 }),
		h('button', { type: 'submit', class: 'button secondary small' }, 'Update'),
		h('div', { class: 'form-alert' }));
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		clearErrors(form);
		const raw = form.querySelector('input').value.trim();
		if (!/^-?\d+$/.test(raw)) {
			showErrors(form, wholeNumber(), { fields: { quantity: id } });
			return;
		}
		const quantity = Number(raw);
		try {
			const response = await busy(form.querySelector('button'), 'Updating…',
				() => api('PUT', `/api/cart/lines/${encodeURIComponent(line.productId)}`, { body: { quantity } }));
			setCart(response.data);
			rerender();
		}
		catch (error) {
			showErrors(form, error, { fields: { quantity: id },
				byKind: { 'cart-limit': id, 'bad-request': id, 'invalid-request': id, 'unknown-product': id } });
		}
	});
	const remove = h('button', { type: 'button', class: 'button secondary small', 'aria-label': `Remove ${name}` },
		'Remove');
	remove.addEventListener('click', async () => {
		try {
			const response = await busy(remove, 'Removing…',
				() => api('DELETE', `/api/cart/lines/${encodeURIComponent(line.productId)}`));
			setCart(response.data);
			rerender();
		}
		catch (error) {
			fill(form.querySelector('.form-alert'), alertBox(error));
		}
	});
	return h('li', { class: 'line' },
		product ? h('img', { src: product.image, alt: '', width: 96, height: 72 }) : h('span', { class: 'thumb' }),
		h('div', { class: 'line-info' },
			h('h2', { class: 'line-title' },
				product ? h('a', { href: `#/product/${encodeURIComponent(line.productId)}` }, name) : name),
			h('p', null, product ? `${money(product.price)} each · ${money({ amountMinor:
				product.price.amountMinor * line.quantity, currency: product.price.currency })}` : 'Price unavailable')),
		h('div', { class: 'line-actions' }, form, remove));
}
