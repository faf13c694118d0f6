// The image size lens above a Dockerfile's final FROM, measured against the guide's 500 MB target.
import { formatMegabytes } from './format';

export interface ImageSizeVerdict {
	/** `Image web:latest 123 MB (target 500 MB)` or `Image web:latest 612 MB · over the 500 MB target` */
	text: string;
	over: boolean;
	/** Set when over: the warning diagnostic's message. */
	message?: string;
}

/** Sizes are decimal megabytes, as `docker images` prints them. */
export function imageSizeVerdict(reference: string, bytes: number, targetMb: number): ImageSizeVerdict {
	const size = formatMegabytes(bytes);
	const target = `${targetMb} MB`;
	if (bytes <= targetMb * 1e6) return { text: `Image ${reference} ${size} (target ${target})`, over: false };
	return {
		text: `Image ${reference} ${size} · over the ${target} target`,
		over: true,
		message: `Image ${reference} built from this Dockerfile is ${size}, over the ${target} target (shipshape.image.sizeTargetMb).`,
	};
}
