import { getCollection, type CollectionEntry } from 'astro:content';

export type Lesson = CollectionEntry<'lessons'>;
export type Part = CollectionEntry<'parts'>;

export const lessonUrl = (slug: string) => `${import.meta.env.BASE_URL}lessons/${slug}/`;
export const partUrl = (part: Part) => `${lessonUrl(part.data.lesson.id)}notes/${part.id.split('/')[1]}/`;
export const theoryUrl = (slug: string) => `${lessonUrl(slug)}theory/`;
export const exercisesUrl = (slug: string) => `${lessonUrl(slug)}exercises/`;
/** "02": a lesson's number as the site prints it. */
export const lessonNumber = (n: number) => String(n).padStart(2, '0');

export async function allLessons(): Promise<Lesson[]> {
  return (await getCollection('lessons')).sort((a, b) => a.data.number - b.data.number);
}

export async function partsOf(slug: string): Promise<Part[]> {
  const parts = (await getCollection('parts')).filter((p) => p.data.lesson.id === slug);
  return parts.sort((a, b) => a.data.order - b.data.order);
}

/** Which part covers each section number of a lesson. */
export function sectionIndex(parts: Part[]): Map<number, Part> {
  const map = new Map<number, Part>();
  for (const p of parts) for (const s of p.data.sections) map.set(s, p);
  return map;
}

export async function hasTheory(slug: string) {
  return (await getCollection('theory')).some((t) => t.data.lesson.id === slug);
}
export async function hasExercises(slug: string) {
  return (await getCollection('exercises')).some((t) => t.data.lesson.id === slug);
}
