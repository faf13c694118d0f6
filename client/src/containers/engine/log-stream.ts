// The logs of a container without a TTY arrive multiplexed: frames of an 8-byte header (stream type, three zero
// bytes, big-endian payload length) followed by the payload. Frames split across chunks arbitrarily, and a UTF-8
// character can be split across frames, so each stream keeps its own decoder.
import { StringDecoder } from 'node:string_decoder';

const HEADER_LENGTH = 8;

export class LogDemultiplexer {
	private pending: Buffer = Buffer.alloc(0);
	private readonly decoders = new Map<number, StringDecoder>();

	/** Returns the text of every complete frame in the data seen so far. */
	push(chunk: Buffer): string[] {
		this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
		const texts: string[] = [];
		while (this.pending.length >= HEADER_LENGTH) {
			const stream = this.pending[0] ?? 0;
			const length = this.pending.readUInt32BE(4);
			if (this.pending.length < HEADER_LENGTH + length) break;
			const payload = this.pending.subarray(HEADER_LENGTH, HEADER_LENGTH + length);
			this.pending = this.pending.subarray(HEADER_LENGTH + length);
			const text = this.decoder(stream).write(payload);
			if (text !== '') texts.push(text);
		}
		return texts;
	}

	/** Whatever is left in the decoders at the end of the stream (a truncated character becomes U+FFFD). */
	end(): string[] {
		const texts: string[] = [];
		for (const decoder of this.decoders.values()) {
			const text = decoder.end();
			if (text !== '') texts.push(text);
		}
		return texts;
	}

	private decoder(stream: number): StringDecoder {
		let decoder = this.decoders.get(stream);
		if (!decoder) {
			decoder = new StringDecoder('utf8');
			this.decoders.set(stream, decoder);
		}
		return decoder;
	}
}

/** A TTY container's log is one raw stream. */
export class RawLogDecoder {
	private readonly decoder = new StringDecoder('utf8');

	push(chunk: Buffer): string[] {
		const text = this.decoder.write(chunk);
		return text === '' ? [] : [text];
	}

	end(): string[] {
		const text = this.decoder.end();
		return text === '' ? [] : [text];
	}
}
