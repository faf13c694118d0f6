/**
 * Answers typed on standard input, one line at a time, for `shipshape init` on a terminal. Reads only
 * as far as the next line, and lets the stream go when done so that the process can exit.
 */
export class LineInput {
	private buffer = '';
	private ended = false;
	private readonly decoder = new TextDecoder();
	private iterator: AsyncIterator<string | Uint8Array> | undefined;

	constructor(private readonly source: AsyncIterable<string | Uint8Array>) {}

	/** The next line without its end; undefined once the input has ended. */
	async line(): Promise<string | undefined> {
		for (;;) {
			const end = this.buffer.indexOf('\n');
			if (end >= 0) {
				const line = this.buffer.slice(0, end);
				this.buffer = this.buffer.slice(end + 1);
				return line.endsWith('\r') ? line.slice(0, -1) : line;
			}
			if (this.ended) {
				const rest = this.buffer;
				this.buffer = '';
				return rest === '' ? undefined : rest;
			}
			this.iterator ??= this.source[Symbol.asyncIterator]();
			const next = await this.iterator.next();
			if (next.done === true) this.ended = true;
			else {
				this.buffer += typeof next.value === 'string' ? next.value : this.decoder.decode(next.value, { stream: true });
			}
		}
	}

	close(): void {
		void this.iterator?.return?.();
	}
}
