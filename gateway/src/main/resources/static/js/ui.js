// Small DOM helpers shared by the pages: element building (no innerHTML, so no markup
// injection and nothing the Content-Security-Policy would refuse), money, alerts with a
// retry countdown, forms whose errors appear next to their fields, and product lookups.

import { api, ApiError, explain } from './api.js';

/** h('a', {href: '#/', class: 'x', onclick: fn}, 'text', child, [more]) */
export function h(tag, props, ...children) {
	const element = document.createElement(tag);
	for (const [key, value] of Object.entries(props || {})) {
		if (value === null || value === undefined || value === false) {
			continue;
		}
		if (key === 'class') {
			element.className = value;
		}
		else if (key.startsWith('on') && typeof value === 'function') {
			element.addEventListener(key.slice(2), value);
		}
		else if (key === 'value') {
			element.value = value;
		}
		else {
			element.setAttribute(key, value === true ? '' : String(value));
		}
	}
	append(element, children);
	return element;
}

function append(element, children) {
	for (const child of children.flat(Infinity)) {
		if (child === null || child === undefined || child === false) {
			continue;
		}
		element.append(child instanceof Node ? child : String(child));
	}
}

export function fill(element, ...children) {
	element.replaceChildren();
	append(element, children);
	return element;
}

const formats = new Map();

/** {amountMinor: 1290, currency: 'EUR'} as "€12.90". */
export function money(amount) {
	if (!amount) {
		return '–';
	}
	let format = formats.get(amount.currency);
	if (!format) {
		format = new Intl.NumberFormat('en-IE', { style: 'currency', currency: amount.currency });
		formats.set(amount.currency, format);
	}
	const digits = format.resolvedOptions().maximumFractionDigits;
	return format.format(amount.amountMinor / 10 ** digits);
}

export function dateTime(iso) {
	return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** The page's heading: focused after navigation so screen readers announce the page. */
export function heading(text) {
	return h('h1', { tabindex: '-1' }, text);
}

/**
 * An alert for an error (or any explanation from api.explain): title, what to do next,
 * and a retry button that stays disabled while Retry-After runs down.
 */
export function alertBox(errorOrExplanation, { onRetry, retryLabel = 'Try again' } = {}) {
	const info = (errorOrExplanation instanceof Error) ? explain(errorOrExplanation) : errorOrExplanation;
	const box = h('div', { class: 'alert', role: 'alert' },
		h('p', { class: 'alert-title' }, info.title),
		info.text ? h('p', null, info.text) : null);
	if (info.login) {
		const next = encodeURIComponent(location.hash.slice(1) || '/');
		box.append(h('p', null, h('a', { href: `#/login?next=${next}`, class: 'button' }, 'Log in')));
	}
	if (onRetry && info.retry) {
		const button = h('button', { type: 'button', class: 'button secondary' }, retryLabel);
		button.addEventListener('click', onRetry);
		box.append(h('p', null, button));
		countdown(button, info.retryAfter, retryLabel);
	}
	return box;
}

/** Disables a button for `seconds`, showing the time left in its label. */
export function countdown(button, seconds, label) {
	if (!seconds || seconds <= 1) {
		return;
	}
	let left = seconds;
	button.disabled = true;
	button.textContent = `${label} (in ${left} s)`;
	const timer = setInterval(() => {
		left -= 1;
		if (left <= 0 || !button.isConnected) {
			clearInterval(timer);
			button.disabled = false;
			button.textContent = label;
			return;
		}
		button.textContent = `${label} (in ${left} s)`;
	}, 1000);
}

/** A labelled field with a slot for its error, tied together for assistive technology. */
export function field({ id, label, type = 'text', name, value, hint, autocomplete, required, inputmode, min, max,
	size }) {
	const hintId = hint ? `${id}-hint` : null;
	const errorId = `${id}-error`;
	const input = h('input', { id, name: name || id, type, autocomplete, required, inputmode, min, max, size,
		value, 'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') });
	return h('div', { class: 'field' },
		h('label', { for: id }, label),
		hint ? h('p', { id: hintId, class: 'hint' }, hint) : null,
		input,
		h('p', { id: errorId, class: 'field-error', hidden: true }));
}

/** Clears every error shown in a form. */
export function clearErrors(form) {
	for (const element of form.querySelectorAll('.field-error')) {
		element.textContent = '';
		element.hidden = true;
	}
	for (const input of form.querySelectorAll('[aria-invalid]')) {
		input.removeAttribute('aria-invalid');
	}
	form.querySelector('.form-alert')?.replaceChildren();
}

/**
 * Shows an API error in a form: each field error next to its field (`fields` maps the
 * API's field names to input ids; `byKind` maps problem kinds without field errors to the
 * field they concern), anything else above the submit button. Focuses the first error.
 */
export function showErrors(form, error, { fields = {}, byKind = {}, onRetry } = {}) {
	clearErrors(form);
	const placed = [];
	if (error instanceof ApiError) {
		for (const { field: name, message } of error.fieldErrors) {
			const id = fields[name] || fields[name.replace(/\[\d+\]/g, '')];
			if (id && setFieldError(form, id, sentence(message))) {
				placed.push(id);
			}
		}
		const id = byKind[error.kind];
		if (!placed.length && id && setFieldError(form, id, error.problem.detail || error.problem.title)) {
			placed.push(id);
		}
	}
	if (placed.length) {
		form.querySelector(`#${placed[0]}`)?.focus();
		return;
	}
	const slot = form.querySelector('.form-alert');
	const box = alertBox(error, { onRetry });
	box.tabIndex = -1;
	slot.replaceChildren(box);
	box.focus();
}

function setFieldError(form, id, message) {
	const input = form.querySelector(`#${id}`);
	const slot = form.querySelector(`#${id}-error`);
	if (!input || !slot) {
		return false;
	}
	slot.textContent = (slot.textContent ? `${slot.textContent} ` : '') + message;
	slot.hidden = false;
	input.setAttribute('aria-invalid', 'true');
	return true;
}

function sentence(message) {
	const text = String(message || '').trim();
	return text ? text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? '' : '.') : '';
}

/** Quantities are whole numbers; the API would only say it cannot read anything else. */
export function wholeNumber() {
	return new ApiError(400, { title: 'Invalid quantity', errors: [{ field: 'quantity',
		message: 'enter a whole number of units, for example 2' }] }, null, 'POST', '');
}

/** Marks a button busy (and disabled) while a promise runs; returns the promise. */
export async function busy(button, label, work) {
	const original = button.textContent;
	button.disabled = true;
	button.setAttribute('aria-busy', 'true');
	button.textContent = label;
	try {
		return await work();
	}
	finally {
		button.disabled = false;
		button.removeAttribute('aria-busy');
		button.textContent = original;
	}
}

const products = new Map();

/**
 * A product from the catalog (remembered for this page load), or null when the catalog
 * does not sell it (404).
 */
export function product(id) {
	if (!products.has(id)) {
		const lookup = api('GET', `/api/catalog/products/${encodeURIComponent(id)}`)
			.then((response) => response.data)
			.catch((error) => {
				products.delete(id);
				if (error instanceof ApiError && error.status === 404) {
					return null;
				}
				throw error;
			});
		products.set(id, lookup);
	}
	return products.get(id);
}

/** Products for many ids at once; a lookup that fails leaves that entry undefined. */
export async function productsById(ids) {
	const settled = await Promise.allSettled(ids.map(product));
	const byId = new Map();
	ids.forEach((id, i) => byId.set(id, settled[i].status === 'fulfilled' ? settled[i].value : undefined));
	return byId;
}

export function productName(byId, id) {
	const found = byId.get(id);
	return found ? found.name : id;
}

/** A short, readable order number: the first block of its UUID. */
export function orderNumber(id) {
	return String(id).split('-')[0].toUpperCase();
}

export const STATUS_TEXT = {
	PENDING: 'Pending: waiting for the warehouse',
	CONFIRMED: 'Confirmed',
	REJECTED: 'Rejected: not enough stock',
	CANCELLED: 'Cancelled',
};

export function statusBadge(status) {
	return h('span', { class: `badge status-${String(status).toLowerCase()}` }, STATUS_TEXT[status] || status);
}
