export declare function rehypeMathRows(): (tree: unknown) => void;
export declare function rehypeKatexBreaks(): (tree: unknown) => void;
