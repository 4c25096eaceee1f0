export interface IslandStallReport {
  readyState: DocumentReadyState;
  visibility: DocumentVisibilityState;
  hydrated: number;
  waiting: { component: string; moduleFetched: boolean; loaded: boolean; children: number }[];
  animationFrame: 'ran' | 'none in 2 s';
  freshObserver: string;
}
export function islandStallReport(): Promise<IslandStallReport>;
