import { defineCollection, reference } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

/** A cited work: title as published, a stable link, and the authors/year shown in the list. */
const referenceEntry = z.object({
  /** Title of the paper, report or standard. */
  title: z.string().min(3),
  /** Stable URL (arXiv abstract page, DOI or publisher page). */
  url: z.url(),
  /** Short author list and year, e.g. "Rafailov et al., 2023". */
  authors: z.string().min(2),
  /** One line on why a learner would read it. */
  note: z.string().optional(),
});

/** Lesson overview: content/lessons/NN-slug/index.mdx */
const lessons = defineCollection({
  loader: glob({ pattern: '*/index.mdx', base: './content/lessons', generateId: ({ entry }) => entry.split('/')[0].replace(/^\d+-/, '') }),
  schema: z.object({
    /** Lesson title as it appears in the chapter's table of contents. */
    title: z.string().min(3),
    /** Position in the chapter, 1–5; also the NN in the folder name. */
    number: z.number().int().min(1).max(5),
    /** A one-sentence summary used on the chapter home and as the page description. */
    description: z.string().min(40).max(300),
    /** A short quotation or framing line shown above the overview. */
    epigraph: z.object({ text: z.string().min(10), source: z.string().optional() }),
    /** Chapters of the wider curriculum a reader should know first (plain references). */
    prerequisites: z.array(z.string().min(2)).min(1),
    /** What a learner can do after the lesson; each starts with a verb. */
    objectives: z.array(z.string().min(10)).min(3),
    /** Primary sources, linked. */
    references: z.array(referenceEntry).min(1),
    /** The full table of contents: seven sections of five subsections, as in the curriculum. */
    sections: z
      .array(
        z.object({
          /** Section number, 1–7. */
          number: z.number().int().min(1).max(7),
          /** Section title without its number. */
          title: z.string().min(2),
          /** Subsection titles in order; may contain inline TeX between $…$. */
          subsections: z.array(z.string().min(2)).length(5),
        }),
      )
      .length(7),
  }),
});

/** Notes parts: content/lessons/NN-slug/notes/NN-part-slug.mdx */
const parts = defineCollection({
  loader: glob({
    pattern: '*/notes/*.mdx',
    base: './content/lessons',
    generateId: ({ entry }) => {
      const [lessonDir, , file] = entry.split('/');
      return `${lessonDir.replace(/^\d+-/, '')}/${file.replace(/\.mdx$/, '').replace(/^\d+-/, '')}`;
    },
  }),
  schema: z.object({
    /** Part title shown in the page heading and navigation. */
    title: z.string().min(3),
    /** The lesson this part belongs to (its slug). */
    lesson: reference('lessons'),
    /** Reading order within the lesson, starting at 1. */
    order: z.number().int().min(1),
    /** Numbers of the TOC sections this part covers (one or two, as the original split them). */
    sections: z.array(z.number().int().min(1).max(7)).min(1).max(2),
    /** Whether the part also carries the closing matter (mistakes, why it matters, bridge, references). */
    closing: z.boolean().default(false),
    /** Page description for search engines and link previews. */
    description: z.string().min(40).max(300),
  }),
});

/** Theory notebook: content/lessons/NN-slug/theory.mdx */
const theory = defineCollection({
  loader: glob({ pattern: '*/theory.mdx', base: './content/lessons', generateId: ({ entry }) => entry.split('/')[0].replace(/^\d+-/, '') }),
  schema: z.object({
    /** Page title. */
    title: z.string().min(3),
    /** The lesson this notebook belongs to (its slug). */
    lesson: reference('lessons'),
    /** Page description. */
    description: z.string().min(40).max(300),
  }),
});

/** Exercises page: content/lessons/NN-slug/exercises.mdx */
const exercises = defineCollection({
  loader: glob({ pattern: '*/exercises.mdx', base: './content/lessons', generateId: ({ entry }) => entry.split('/')[0].replace(/^\d+-/, '') }),
  schema: z.object({
    /** Page title. */
    title: z.string().min(3),
    /** The lesson these exercises belong to (its slug). */
    lesson: reference('lessons'),
    /** Page description. */
    description: z.string().min(40).max(300),
    /** Ids of the exercises on the page, in order (used for progress counts). */
    exerciseIds: z.array(z.string().regex(/^[a-z0-9-]+$/)).min(1),
  }),
});

export const collections = { lessons, parts, theory, exercises };
