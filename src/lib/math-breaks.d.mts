export declare function splitTopLevelQquad(tex: string): string[];
export declare function breakRuns(blocks: { classes: string[]; text: string }[][]): [number, number][];
export declare function breakKatexDisplay(html: string): string;
export declare function displayLayout(tex: string): string[][];
export interface ArrayTable {
  columns: { align: 'left' | 'center' | 'right'; ruleBefore: boolean }[];
  rows: { cells: string[]; ruleAbove: boolean }[];
}
export declare function parseArray(tex: string): ArrayTable | null;
