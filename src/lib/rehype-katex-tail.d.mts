export default function rehypeKatexTail(): (tree: unknown) => void;
export declare function glueKatexTail(html: string): string;
export declare function startsWithPunctuation(text: string): boolean;
export declare function endsWithOpening(text: string): boolean;
