/**
 * Patches `target` in place so it matches `source` (a freshly drawn tree): attributes and text are
 * updated, nodes are only created or removed where the structure differs. A redrawn chart then
 * costs the browser a restyle of what moved instead of a new subtree.
 */
export function morph(target: Element, source: Element): void {
  syncAttributes(target, source);
  morphChildren(target, source);
}

function syncAttributes(target: Element, source: Element): void {
  const src = source.attributes;
  for (let i = 0; i < src.length; i++) {
    const a = src[i];
    if (target.getAttribute(a.name) !== a.value) target.setAttribute(a.name, a.value);
  }
  const tgt = target.attributes;
  if (tgt.length !== src.length) {
    for (let i = tgt.length - 1; i >= 0; i--) {
      const name = tgt[i].name;
      if (!source.hasAttribute(name)) target.removeAttribute(name);
    }
  }
}

function morphChildren(target: Element, source: Element): void {
  let t = target.firstChild;
  let s = source.firstChild;
  while (s) {
    const nextS: ChildNode | null = s.nextSibling;
    if (!t) {
      target.appendChild(s);
    } else if (t.nodeType !== s.nodeType || t.nodeName !== s.nodeName) {
      const nextT: ChildNode | null = t.nextSibling;
      target.replaceChild(s, t);
      t = nextT;
    } else {
      if (t.nodeType === 1) morph(t as Element, s as Element);
      else if (t.nodeValue !== s.nodeValue) t.nodeValue = s.nodeValue;
      t = t.nextSibling;
    }
    s = nextS;
  }
  while (t) {
    const next: ChildNode | null = t.nextSibling;
    target.removeChild(t);
    t = next;
  }
}
