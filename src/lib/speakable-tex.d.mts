export function speakableTex(tex: string): string;
export function speakableText(text: string): string;
