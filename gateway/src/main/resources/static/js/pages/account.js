// Sign up and log in. The forms send what was typed and show the API's own answer: field
// errors next to their fields, "Email already registered" at the email, a wrong password
// or a throttled login above the button. A guest's cart is kept through login.

import { api } from '../api.js';
import { h, heading, field, showErrors, clearErrors, busy } from '../ui.js';
import { setAccount, refreshCart } from '../state.js';

function nextPath(params) {
	const next = params.get('next') || '/';
	// only a store path (#/...), never another site
	return next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export async function loginPage({ params, navigate }) {
	const next = nextPath(params);
	const form = h('form', { class: 'account-form', novalidate: true, 'aria-labelledby': 'login-title' },
		field({ id: 'login-email', label: 'Email', type: 'email', autocomplete: 'username', required: true }),
		field({ id: 'login-password', label: 'Password', type: 'password', autocomplete: 'current-password',
			required: true }),
		h('div', { class: 'form-alert' }),
		h('button', { type: 'submit', class: 'button' }, 'Log in'));
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		if (await logIn(form, form.querySelector('#login-email').value, form.querySelector('#login-password').value,
			{ email: 'login-email', password: 'login-password' })) {
			navigate(next);
		}
	});
	return h('section', { class: 'page narrow' },
		h('h1', { id: 'login-title', tabindex: '-1' }, 'Log in'),
		form,
		h('p', null, 'New here? ', h('a', { href: `#/signup${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}` },
			'Create an account'), '. Your cart stays with you when you log in.'));
}

async function logIn(form, email, password, fields) {
	clearErrors(form);
	try {
		const response = await busy(form.querySelector('button[type=submit]'), 'Logging in…',
			() => api('POST', '/api/session/login', { body: { email, password } }));
		setAccount(response.data);
		refreshCart().catch(() => {});
		return true;
	}
	catch (error) {
		showErrors(form, error, { fields, onRetry: () => form.requestSubmit() });
		return false;
	}
}

export async function signupPage({ params, navigate }) {
	const next = nextPath(params);
	const fields = { email: 'signup-email', displayName: 'signup-name', password: 'signup-password' };
	const form = h('form', { class: 'account-form', novalidate: true, 'aria-labelledby': 'signup-title' },
		field({ id: 'signup-email', label: 'Email', type: 'email', autocomplete: 'email', required: true }),
		field({ id: 'signup-name', label: 'Your name', autocomplete: 'name', required: true,
			hint: 'How the store greets you.' }),
		field({ id: 'signup-password', label: 'Password', type: 'password', autocomplete: 'new-password',
			required: true, hint: 'At least 10 characters (72 at most). A few words you will remember make a good one.' }),
		h('div', { class: 'form-alert' }),
		h('button', { type: 'submit', class: 'button' }, 'Create account'));
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		clearErrors(form);
		const email = form.querySelector('#signup-email').value;
		const password = form.querySelector('#signup-password').value;
		const displayName = form.querySelector('#signup-name').value;
		try {
			await busy(form.querySelector('button[type=submit]'), 'Creating your account…',
				() => api('POST', '/api/account/signup', { body: { email, password, displayName } }));
		}
		catch (error) {
			showErrors(form, error, { fields, byKind: {
				'email-already-registered': 'signup-email',
				'weak-password': 'signup-password',
				'password-too-long': 'signup-password',
			} });
			return;
		}
		if (await logIn(form, email, password, fields)) {
			navigate(next);
		}
	});
	return h('section', { class: 'page narrow' },
		h('h1', { id: 'signup-title', tabindex: '-1' }, 'Create an account'),
		form,
		h('p', null, 'Already have an account? ',
			h('a', { href: `#/login${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}` }, 'Log in'), '.'));
}
