// The topology, drawn as the README's diagram is: the browser and the gateway, the service
// instances behind it, and the datastores behind them. Each node is built once and updated
// in place every second (a button must not be replaced under the pointer), coloured by its
// state, with its PID, uptime, role and the buttons that act on it.

import { h, text, duration } from './dom.js';

const ACTIONS = ['kill', 'stop', 'start', 'restart', 'freeze', 'thaw'];

const COLUMNS = [
	{ title: 'Edge', groups: [{ title: 'Gateway', match: (n) => n.kind === 'gateway' }] },
	{ title: 'Services', groups: [
		{ title: 'session-service', match: (n) => n.name.startsWith('session-service-') },
		{ title: 'order-service', match: (n) => n.name.startsWith('order-service-') },
		{ title: 'inventory-service', match: (n) => n.name.startsWith('inventory-service-') },
	] },
	{ title: 'Datastores', groups: [
		{ title: 'Redis (sessions, rate limits, catalog cache)', match: (n) => n.kind === 'redis' },
		{ title: 'Sentinels', match: (n) => n.kind === 'sentinel' },
		{ title: 'PostgreSQL (accounts, orders, inventory)', match: (n) => n.kind === 'postgres' },
	] },
];

export class Topology {
	/** onAction(node, action) is called when one of a node's buttons is pressed. */
	constructor(root, onAction) {
		this.root = root;
		this.onAction = onAction;
		this.cards = new Map();
		this.groups = [];
		const columns = COLUMNS.map((column, index) => {
			const groups = column.groups.map((group) => {
				const list = h('ul', { class: 'nodes' });
				this.groups.push({ ...group, list });
				return h('div', { class: 'group' }, h('h4', {}, group.title), list);
			});
			const arrow = index < COLUMNS.length - 1 ? h('div', { class: 'arrow', 'aria-hidden': 'true' }, '→') : null;
			return [h('div', { class: 'column' }, h('h3', {}, column.title), groups), arrow];
		});
		const browser = h('div', { class: 'column browser' }, h('h3', {}, 'Browser'),
			h('p', { class: 'node static' }, 'web store'), h('div', { class: 'arrow', 'aria-hidden': 'true' }, '→'));
		root.replaceChildren(browser, ...columns.flat().filter(Boolean));
	}

	update(nodes) {
		for (const node of nodes) {
			let card = this.cards.get(node.name);
			if (!card) {
				card = this.card(node);
				this.cards.set(node.name, card);
				const group = this.groups.find((candidate) => candidate.match(node));
				group?.list.append(card.element);
			}
			this.fill(card, node);
		}
	}

	card(node) {
		const id = `node-${node.name}`;
		const fields = {
			state: h('p', { class: 'state' }),
			pid: h('dd'), uptime: h('dd'), role: h('dd'), lag: h('dd'), metrics: h('p', { class: 'metrics' }),
		};
		const buttons = ACTIONS.map((action) => h('button', {
			type: 'button', class: `action ${action}`, 'aria-label': `${label(action)} ${node.name}`,
			onclick: () => this.onAction(card.node, action),
		}, label(action)));
		fields.roleLabel = h('dt', {}, 'Role');
		fields.lagLabel = h('dt', {}, 'Lag');
		const element = h('li', {},
			h('article', { class: 'card', 'aria-labelledby': id },
				h('div', { class: 'title' }, h('h5', { id }, node.name), fields.state),
				h('dl', {}, h('dt', {}, 'PID'), fields.pid, h('dt', {}, 'Uptime'), fields.uptime,
					fields.roleLabel, fields.role, fields.lagLabel, fields.lag),
				fields.metrics,
				h('div', { class: 'actions', role: 'group', 'aria-label': `Actions on ${node.name}` }, buttons)));
		const card = { element, fields, buttons, node };
		return card;
	}

	fill(card, node) {
		card.node = node;
		const article = card.element.firstElementChild;
		article.dataset.state = node.state.replace(' ', '-');
		article.setAttribute('aria-busy', node.acting ? 'true' : 'false');
		text(card.fields.state, node.acting ? `${node.state} (${node.acting} under way)` : node.state);
		text(card.fields.pid, node.pid ?? '–');
		text(card.fields.uptime, duration(node.uptimeSeconds));
		text(card.fields.role, node.role || '–');
		text(card.fields.lag, node.lagBytes === null ? '–' : `${node.lagBytes} bytes`);
		// a role and a lag only where there are any (Redis, Sentinels, session-service)
		const roled = node.kind === 'redis' || node.role !== '';
		card.fields.roleLabel.hidden = card.fields.role.hidden = !roled;
		card.fields.lagLabel.hidden = card.fields.lag.hidden = node.kind !== 'redis';
		text(card.fields.metrics, node.metrics === 'unknown' ? 'metrics unknown (no valid answer in time)' : '');
		for (const button of card.buttons) {
			button.disabled = Boolean(node.acting);
		}
	}
}

export function label(action) {
	return action.charAt(0).toUpperCase() + action.slice(1);
}
