//! GS107: retired labels written in plain prose, without the `[[ ]]` mark.
//!
//! Authors quote or bold a button name ("click **New Connected App**") as
//! often as they mark it, and an unmarked name rots just the same. This rule
//! reads only prose: the text of Markdown `Text` events, minus label marks,
//! placeholders, code spans, code blocks, inline HTML, link targets and bare
//! URLs. Prose is split into words (folded as catalog labels are), and every
//! catalog label, current or retired, competes for the words: the longest
//! label wins and matches never overlap, so a correct "Sales Territories" is
//! not reported for the retired "Territories" it contains. Only labels that
//! are retired at or before the target release are reported.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use super::{Context, Finding, Rule, fold};
use crate::diag::Severity;
use crate::model::text::{Token, tokenize};
use crate::model::{CaseRule, Catalog, Label};

/// A word of prose: folded text and its byte range in the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub range: Range<usize>,
}

/// Characters stripped from both ends of a word before comparing.
const EDGE_PUNCTUATION: &[char] = &[
    '"', '\'', '(', ')', '[', ']', '{', '}', '.', ',', ';', ':', '!', '?', '*', '_', '`', '<', '>',
];

/// Edge punctuation, typographic quotes and guillemets included.
fn is_edge(c: char) -> bool {
    EDGE_PUNCTUATION.contains(&c) || matches!(c, '\u{2018}'..='\u{201F}' | '\u{00AB}' | '\u{00BB}')
}

/// The words of the prose in a Markdown text field, in order.
pub fn prose_words(text: &str) -> Vec<Word> {
    let kept = prose_mask(text);
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        let in_word = i < text.len() && kept[i] && !c.is_whitespace();
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.extend(word(text, s..i));
                start = None;
            }
            _ => {}
        }
    }
    words
}

/// Trim edge punctuation off `text[range]` and fold what is left.
fn word(text: &str, range: Range<usize>) -> Option<Word> {
    let raw = &text[range.clone()];
    let trimmed = raw.trim_start_matches(is_edge);
    let lead = raw.len() - trimmed.len();
    let trimmed = trimmed.trim_end_matches(is_edge);
    if trimmed.is_empty() {
        return None;
    }
    let start = range.start + lead;
    Some(Word {
        text: fold(trimmed),
        range: start..start + trimmed.len(),
    })
}

/// One flag per byte: true where the byte belongs to prose.
fn prose_mask(text: &str) -> Vec<bool> {
    let mut kept = vec![false; text.len()];
    let mut depth_code = 0usize;
    let mut depth_autolink = 0usize;
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => depth_code += 1,
            Event::End(TagEnd::CodeBlock) => depth_code = depth_code.saturating_sub(1),
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => depth_autolink += 1,
            Event::End(TagEnd::Link) if depth_autolink > 0 => depth_autolink -= 1,
            Event::Text(_) if depth_code == 0 && depth_autolink == 0 => {
                kept[range].iter_mut().for_each(|k| *k = true);
            }
            _ => {}
        }
    }
    unmask_marks_and_urls(text, &mut kept);
    kept
}

/// Byte ranges of code spans and code blocks in a Markdown text.
pub fn code_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut block: Option<usize> = None;
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Code(_) => out.push(range),
            Event::Start(Tag::CodeBlock(_)) => block = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                out.extend(block.take().map(|s| s..range.end));
            }
            _ => {}
        }
    }
    out
}

/// Label marks, placeholders and bare URLs are not prose.
fn unmask_marks_and_urls(text: &str, kept: &mut [bool]) {
    if let Ok(tokens) = tokenize(text) {
        for t in tokens {
            if let Token::Label(_, r) | Token::Placeholder(_, r) = t {
                kept[r].iter_mut().for_each(|k| *k = false);
            }
        }
    }
    for start in url_starts(text) {
        let end = url_end(text, start);
        kept[start..end].iter_mut().for_each(|k| *k = false);
    }
}

/// A bare URL runs to the next whitespace outside a `{{ placeholder }}`.
fn url_end(text: &str, start: usize) -> usize {
    let mut i = start;
    while let Some(c) = text[i..].chars().next() {
        if text[i..].starts_with("{{") {
            match text[i..].find("}}") {
                Some(n) => i += n + 2,
                None => return text.len(),
            }
        } else if c.is_whitespace() {
            return i;
        } else {
            i += c.len_utf8();
        }
    }
    text.len()
}

fn url_starts(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for pat in ["http://", "https://", "www."] {
        out.extend(text.match_indices(pat).map(|(i, _)| i));
    }
    out
}

/// Every catalog label as a word sequence, indexed by its lower-cased first word.
pub struct Phrases<'c> {
    by_first: HashMap<String, Vec<Phrase<'c>>>,
}

struct Phrase<'c> {
    words: Vec<String>,
    case: CaseRule,
    /// Every catalog entry with this text (a text can be listed per context).
    labels: Vec<&'c Label>,
}

impl<'c> Phrases<'c> {
    pub fn new(catalog: &'c Catalog) -> Phrases<'c> {
        let mut by_text: HashMap<String, Phrase<'c>> = HashMap::new();
        for label in &catalog.labels {
            let words: Vec<String> = prose_words(&label.text.value)
                .into_iter()
                .map(|w| w.text)
                .collect();
            if words.is_empty() {
                continue;
            }
            let key = words.join(" ");
            let p = by_text.entry(key).or_insert_with(|| Phrase {
                words,
                case: label.case,
                labels: vec![],
            });
            if label.case == CaseRule::Insensitive {
                p.case = CaseRule::Insensitive;
            }
            p.labels.push(label);
        }
        let mut by_first: HashMap<String, Vec<Phrase<'c>>> = HashMap::new();
        for p in by_text.into_values() {
            by_first
                .entry(p.words[0].to_lowercase())
                .or_default()
                .push(p);
        }
        for list in by_first.values_mut() {
            list.sort_by(|a, b| {
                b.words
                    .len()
                    .cmp(&a.words.len())
                    .then(a.words.cmp(&b.words))
            });
        }
        Phrases { by_first }
    }

    /// Longest, non-overlapping label matches in `words`: (word range, labels).
    pub fn matches(&self, words: &[Word]) -> Vec<(Range<usize>, &[&'c Label])> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match self.longest_at(words, i) {
                Some(p) => {
                    out.push((i..i + p.words.len(), p.labels.as_slice()));
                    i += p.words.len();
                }
                None => i += 1,
            }
        }
        out
    }

    fn longest_at(&self, words: &[Word], i: usize) -> Option<&Phrase<'c>> {
        let candidates = self.by_first.get(&words[i].text.to_lowercase())?;
        candidates.iter().find(|p| {
            p.words.len() <= words.len() - i
                && p.words
                    .iter()
                    .zip(&words[i..])
                    .all(|(a, b)| same(a, &b.text, p.case))
        })
    }
}

fn same(label: &str, prose: &str, case: CaseRule) -> bool {
    match case {
        CaseRule::Exact => label == prose,
        CaseRule::Insensitive => label.to_lowercase() == prose.to_lowercase(),
    }
}

/// GS107: a retired label in plain prose.
pub struct UnmarkedRetiredLabel;

impl Rule for UnmarkedRetiredLabel {
    fn code(&self) -> &'static str {
        "GS107"
    }
    fn name(&self) -> &'static str {
        "retired-label-in-prose"
    }
    fn doc(&self) -> &'static str {
        "A label that Salesforce retired at or before the target release appears in plain prose, without the `[[ ]]` mark: in quotes, in bold or bare. Readers will look for a button or field that no longer exists. Replace it with the current label named in the finding, and mark it as `[[Label]]` so it is checked from now on. Text in code, code blocks, URLs and link targets is not checked, and the longest catalog label wins: a current \"Sales Territories\" is not reported for the retired \"Territories\" it contains."
    }
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(phrases) = cx.phrases else { return };
        for (field, _) in &cx.fields {
            let words = prose_words(&field.value);
            for (range, labels) in phrases.matches(&words) {
                let Some(l) = super::rules::all_retired(cx, labels) else {
                    continue;
                };
                let span = words[range.start].range.start..words[range.end - 1].range.end;
                let mut f = finding(cx.absolute(field, span), l);
                let start = super::node_start(field, &cx.guide.source).unwrap_or(0);
                f.fix = (l.replacement.as_ref())
                    .map(|r| crate::load::escape_for_scalar(&cx.guide.source, start, r));
                out.push(f);
            }
        }
    }
}

fn finding(span: Range<usize>, l: &Label) -> Finding {
    let rel = l.retired.clone().unwrap_or_default();
    Finding {
        code: "GS107",
        severity: Severity::Warning,
        span,
        message: format!(
            "`{}` was retired in {rel} but is still named in the prose",
            l.text.value
        ),
        fix: None,
        help: Some(match &l.replacement {
            Some(r) => format!("write `[[{r}]]` instead"),
            None => "describe the current UI instead".into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        prose_words(s).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn prose_excludes_code_marks_placeholders_urls_and_link_targets() {
        let s = "Click \"New Connected App\" in `New Connected App`, see [the docs](https://x/New) or https://y/z, [[Setup]] {{ environment }}\n\n    indented code\n\n```\nfenced\n```\n**Bold**";
        assert_eq!(
            texts(s),
            [
                "Click",
                "New",
                "Connected",
                "App",
                "in",
                "see",
                "the",
                "docs",
                "or",
                "Bold"
            ]
        );
    }

    #[test]
    fn word_ranges_point_into_the_text() {
        let s = "Open \u{201C}Owner\u{2019}s Queue\u{201D} now";
        let w = prose_words(s);
        assert_eq!(w[1].text, "Owner's");
        assert_eq!(&s[w[1].range.clone()], "Owner\u{2019}s");
        assert_eq!(&s[w[2].range.clone()], "Queue");
    }

    #[test]
    fn a_url_with_a_placeholder_is_one_url() {
        assert_eq!(
            texts("See https://{{ env }}.force.com/Territories/x now"),
            ["See", "now"]
        );
    }

    #[test]
    fn line_breaks_separate_words_only() {
        assert_eq!(texts("New Connected\n  App"), ["New", "Connected", "App"]);
    }
}
