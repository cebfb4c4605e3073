// The fault timeline, newest first: each action with its time, its component and what it
// was measured to do (the server measures; this only words it).

import { h, text } from './dom.js';

export class TimelineView {
	constructor(list) {
		this.list = list;
		this.items = new Map();
	}

	update(entries) {
		const order = [...entries].reverse().map((entry) => {
			let item = this.items.get(entry.id);
			if (!item) {
				item = h('li', {});
				this.items.set(entry.id, item);
			}
			text(item, describe(entry));
			item.dataset.measuring = entry.measuring;
			return item;
		});
		if (order.some((item, index) => this.list.children[index] !== item)) {
			this.list.replaceChildren(...order);
		}
	}
}

/** "12:00:03 redis-1 freeze · done in 0.1 s · shown frozen after 0.9 s · redis-2 promoted after 2.3 s · 14 requests failed for 2 s" */
export function describe(entry) {
	const time = new Date(entry.at).toLocaleTimeString('en-GB', { hour12: false });
	const parts = [`${time} ${entry.component} ${entry.action}`];
	parts.push(entry.actionSeconds === null ? entry.result : `${entry.result} in ${entry.actionSeconds} s`);
	if (entry.shownAfterSeconds !== null) {
		parts.push(`shown ${shown(entry.action)} after ${entry.shownAfterSeconds} s`);
	}
	if (entry.promoted) {
		parts.push(`${entry.promoted} promoted after ${entry.promotionSeconds} s`);
	}
	if (entry.failedRequests > 0) {
		parts.push(`${entry.failedRequests} requests failed at the gateway for ${entry.errorSeconds} s`);
	}
	else if (!entry.measuring) {
		parts.push('no request failed at the gateway');
	}
	if (entry.measuring) {
		parts.push('measuring…');
	}
	return parts.join(' · ');
}

function shown(action) {
	switch (action) {
		case 'kill':
		case 'stop':
			return 'down';
		case 'freeze':
			return 'frozen';
		default:
			return 'up';
	}
}
