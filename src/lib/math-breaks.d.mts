export declare function splitTopLevelQquad(tex: string): string[];
export declare function breakRuns(blocks: { classes: string[]; text: string }[][]): [number, number][];
export declare function breakKatexDisplay(html: string): string;
export declare function displayLayout(tex: string): string[][];
