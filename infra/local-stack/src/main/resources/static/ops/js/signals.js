// The live signals: a row per service (its total) and per instance, with requests per
// second, error rate and p50/p99 latency now and as sparklines over the last minute; the
// circuit breakers; and the gateway's and the store's totals.

import { h, text, number } from './dom.js';
import { sparkline, draw } from './sparkline.js';

const METRICS = [
	{ key: 'rps', title: 'requests per second', format: (v) => number(v) },
	{ key: 'errorRate', title: 'share of requests answered 5xx', format: (v) => (v === null ? '–' : `${(v * 100).toFixed(0)}%`) },
	{ key: 'p50Millis', title: 'median latency', format: (v) => (v === null ? '–' : `${number(v, 0)} ms`) },
	{ key: 'p99Millis', title: '99th percentile latency', format: (v) => (v === null ? '–' : `${number(v, 0)} ms`) },
];

export class SignalsView {
	constructor(table, breakers, totals) {
		this.body = table.tBodies[0];
		this.breakers = breakers.tBodies[0];
		this.totals = totals;
		this.rows = new Map();
	}

	update(snapshot) {
		const order = [];
		for (const signal of snapshot.signals) {
			let row = this.rows.get(signal.name);
			if (!row) {
				row = this.row(signal);
				this.rows.set(signal.name, row);
			}
			order.push(row.element);
			this.fill(row, signal);
		}
		if (order.some((element, index) => this.body.children[index] !== element)) {
			this.body.replaceChildren(...order);
		}
		this.updateBreakers(snapshot.breakers);
		this.updateTotals(snapshot.totals);
	}

	row(signal) {
		const state = h('td');
		const share = h('td');
		const cells = METRICS.map((metric) => {
			const value = h('span', { class: 'value' });
			const line = sparkline(`${signal.name}, ${metric.title}, last minute`);
			return { metric, value, line, cell: h('td', {}, value, line) };
		});
		const element = h('tr', { class: signal.total ? 'total' : 'instance' },
			h('th', { scope: 'row' }, signal.name), state, share, cells.map((c) => c.cell));
		return { element, state, share, cells };
	}

	fill(row, signal) {
		text(row.state, signal.total ? '' : signal.state);
		row.element.dataset.state = (signal.state || '').replace(' ', '-');
		text(row.share, signal.share === null ? '–' : `${(signal.share * 100).toFixed(0)}%`);
		for (const { metric, value, line } of row.cells) {
			text(value, metric.format(signal[metric.key]));
			draw(line, signal.series.map((point) => point[metric.key]));
		}
	}

	updateBreakers(breakers) {
		const rows = breakers.map((breaker) => h('tr', { 'data-state': breaker.state.replace(' ', '-') },
			h('td', {}, breaker.owner), h('td', {}, breaker.name || '–'), h('td', {}, breaker.state)));
		const signature = breakers.map((b) => `${b.owner}/${b.name}/${b.state}`).join('|');
		if (this.breakers.dataset.signature !== signature) {
			this.breakers.dataset.signature = signature;
			this.breakers.replaceChildren(...rows);
		}
	}

	updateTotals(totals) {
		const per = (rate, total) => `${number(rate)}/s (${total === null ? '–' : Math.round(total)} in all)`;
		const entries = [
			['Rate-limit rejections', per(totals.rateLimitedPerSecond, totals.rateLimited)],
			['Gateway retries', per(totals.retriesPerSecond, totals.retries)],
			['Pending orders', totals.pendingOrders === null ? '–' : Math.round(totals.pendingOrders)],
			['Live sessions', totals.liveSessions ?? '–'],
		];
		if (!this.totals.children.length) {
			this.totals.replaceChildren(...entries.flatMap(([term]) => [h('dt', {}, term), h('dd')]));
		}
		entries.forEach(([, value], index) => text(this.totals.children[index * 2 + 1], value));
	}
}
