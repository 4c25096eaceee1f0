import GithubSlugger from 'github-slugger';

/** The heading id a subsection title gets on its notes page (TeX between $…$ counts as its source). */
export function headingSlug(text: string): string {
  return new GithubSlugger().slug(text.replace(/\$([^$]*)\$/g, '$1').trim());
}

/** Strips $…$ delimiters for plain-text contexts (titles, descriptions). */
export function plainTitle(text: string): string {
  return text.replace(/\$([^$]*)\$/g, '$1');
}
