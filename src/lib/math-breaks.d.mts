export declare function splitTopLevelQquad(tex: string): string[];
export declare function breakRuns(blocks: { classes: string[]; text: string }[][]): [number, number][];
export interface Piece {
  range: [number, number];
  pieces: Piece[] | null;
}
export declare function breakPieces(blocks: { classes: string[]; text: string }[][], range: [number, number]): Piece[] | null;
export declare function groupBlocks(blocks: { classes: string[]; text: string }[][]): Piece[] | null;
export declare function groupHtml(group: Piece, slice: (range: [number, number]) => string, kind?: string): string;
export declare function breakKatexDisplay(html: string): string;
export declare function displayLayout(tex: string): string[][];
export interface ArrayTable {
  columns: { align: 'left' | 'center' | 'right'; ruleBefore: boolean }[];
  rows: { cells: string[]; ruleAbove: boolean }[];
}
export declare function parseArray(tex: string): ArrayTable | null;
