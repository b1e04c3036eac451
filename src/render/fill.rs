//! What placeholders become and which parts of a guide are shown.
//!
//! One guide source serves two audiences: a customer's personalised guide
//! (real values, conditional parts decided) and the public docs site (marked
//! tokens, every part shown with its condition). [`Fill`] is that choice, and
//! [`prepare`] turns step text into Markdown source in which every
//! placeholder and UI label is a single private-use *sentinel* character.
//! Markdown is parsed with the sentinels in place, so a value can never be
//! read as Markdown or HTML; each output context then swaps the sentinels
//! for the value escaped for that context.

use crate::inputs::Values;
use crate::model::Condition;
use crate::model::text::{Token, tokenize};

/// How placeholders are filled and conditions decided.
#[derive(Debug, Clone, Copy)]
pub enum Fill<'a> {
    /// A customer's guide: every placeholder gets its value (book variables
    /// included, as `book.<name>`), and parts whose `when` is false are left out.
    Values(&'a Values),
    /// The public site: placeholders show as marked tokens (`‹environment.host›`),
    /// every part is shown with an "Only if" note. The [`Values`] hold the book
    /// variables (`book.<name>`), which are always filled in.
    Tokens(&'a Values),
}

impl<'a> Fill<'a> {
    /// The value for a reference, if this fill provides one.
    pub fn value(&self, key: &str) -> Option<&'a str> {
        match self {
            Fill::Values(v) => v.get(key),
            Fill::Tokens(book) if key.starts_with("book.") => book.get(key),
            Fill::Tokens(_) => None,
        }
    }

    /// Whether a part with this `when` condition is shown.
    ///
    /// A condition that does not parse is shown (the linter reports it).
    pub fn visible(&self, when: Option<&str>) -> bool {
        match (self, when) {
            (_, None) | (Fill::Tokens(_), _) => true,
            (Fill::Values(v), Some(w)) => match Condition::parse(w) {
                Ok(c) => c.eval(|k| v.get(k).map(str::to_string)),
                Err(_) => true,
            },
        }
    }

    /// The "Only if" note shown for a conditional part, in token mode only.
    pub fn condition_note(&self, when: Option<&str>) -> Option<String> {
        match self {
            Fill::Tokens(_) => when.map(|w| w.trim().to_string()),
            Fill::Values(_) => None,
        }
    }

    /// The value to print for a record: never for secrets, and only when
    /// the customer's values hold one under the record id.
    pub fn record_value(&self, id: &str, secret: bool) -> Option<&'a str> {
        match self {
            Fill::Values(v) if !secret => v.get(id),
            _ => None,
        }
    }
}

/// The marked form of a placeholder shown when no value is filled in.
pub fn token_text(key: &str) -> String {
    format!("\u{2039}{key}\u{203A}")
}

/// What one sentinel stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// A filled-in value; `url_trusted` for validated URL/host facets.
    Value { text: String, url_trusted: bool },
    /// An unfilled placeholder, shown as a marked token.
    Token { key: String },
    /// A UI label or menu path, one entry per segment.
    Label(Vec<String>),
}

impl Slot {
    /// The slot as plain text (raw value, `‹key›`, `A > B`).
    pub fn plain(&self) -> String {
        match self {
            Slot::Value { text, .. } => text.clone(),
            Slot::Token { key } => token_text(key),
            Slot::Label(segs) => segs.join(" > "),
        }
    }
}

/// Step text with sentinels in place of placeholders and labels.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub source: String,
    pub slots: Vec<Slot>,
}

/// First code point of the sentinel range (Supplementary Private Use Area-A).
const SENTINEL_BASE: u32 = 0xF0000;
const SENTINEL_MAX: u32 = 0xFFFFD;

fn sentinel(index: usize) -> Option<char> {
    let cp = SENTINEL_BASE.checked_add(u32::try_from(index).ok()?)?;
    (cp <= SENTINEL_MAX).then(|| char::from_u32(cp)).flatten()
}

/// The slot index a character stands for, if it is a sentinel.
pub fn slot_index(c: char) -> Option<usize> {
    let cp = c as u32;
    (SENTINEL_BASE..=SENTINEL_MAX)
        .contains(&cp)
        .then(|| (cp - SENTINEL_BASE) as usize)
}

/// Facets whose values are validated URLs or host names: in link targets
/// their URL structure is kept (see `escape::url_value`).
pub const URL_FACETS: &[&str] = &["url", "host", "lightning_host"];

fn is_url_facet(facet: Option<&str>) -> bool {
    facet.is_some_and(|f| URL_FACETS.contains(&f))
}

/// Replace placeholders and labels in `text` by sentinels.
///
/// Text that does not tokenize (the linter reports it) is kept literally.
pub fn prepare(text: &str, fill: &Fill<'_>) -> Prepared {
    let mut p = Prepared {
        source: String::with_capacity(text.len()),
        slots: Vec::new(),
    };
    // The tokenizer steps through bytes and slices at each one, so it is
    // given an ASCII copy with every non-ASCII byte replaced by `~` (which is
    // not valid in a placeholder name); byte ranges then index `text`.
    let ascii: String = text
        .bytes()
        .map(|b| if b.is_ascii() { b as char } else { '~' })
        .collect();
    let Ok(tokens) = tokenize(&ascii) else {
        push_literal(&mut p.source, text);
        return p;
    };
    for token in tokens {
        let slot = match token {
            Token::Text(_, range) => {
                push_literal(&mut p.source, &text[range]);
                continue;
            }
            Token::Placeholder(ph, _) => {
                let key = ph.key();
                match fill.value(&key) {
                    Some(v) => Slot::Value {
                        text: v.replace(['\r', '\n'], " "),
                        url_trusted: is_url_facet(ph.facet.as_deref()),
                    },
                    None => Slot::Token { key },
                }
            }
            Token::Label(segs, _) => Slot::Label(
                segs.iter()
                    .map(|s| text[s.range.clone()].to_string())
                    .collect(),
            ),
        };
        match sentinel(p.slots.len()) {
            Some(c) => {
                p.source.push(c);
                p.slots.push(slot);
            }
            None => push_literal(&mut p.source, &slot.plain()),
        }
    }
    p
}

/// Author text with any sentinel-range character replaced, so only
/// [`prepare`] ever puts sentinels into the source.
fn push_literal(out: &mut String, text: &str) {
    out.extend(text.chars().map(|c| {
        if slot_index(c).is_some() {
            '\u{FFFD}'
        } else {
            c
        }
    }));
}

impl Prepared {
    /// Copy `s`, calling `f` for each sentinel instead of copying it.
    ///
    /// Single pass: what `f` writes is never scanned for sentinels again.
    pub fn expand(&self, s: &str, mut f: impl FnMut(&mut String, &Slot)) -> String {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            match slot_index(c).and_then(|i| self.slots.get(i)) {
                Some(slot) => f(&mut out, slot),
                None => out.push(c),
            }
        }
        out
    }

    /// `s` with every sentinel as plain text.
    pub fn plain(&self, s: &str) -> String {
        self.expand(s, |out, slot| out.push_str(&slot.plain()))
    }
}

/// Whether `s` holds a sentinel.
pub fn has_sentinel(s: &str) -> bool {
    s.chars().any(|c| slot_index(c).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values {
        let mut v = Values::default();
        v.insert("environment.host", "acme.my.salesforce.com");
        v.insert("book.product", "Connector");
        v.insert("sso", "false");
        v
    }

    #[test]
    fn prepare_puts_one_sentinel_per_mark() {
        let v = values();
        let p = prepare(
            "Open [[Setup > Apps]] at {{ environment.host }}",
            &Fill::Values(&v),
        );
        assert_eq!(p.slots.len(), 2);
        assert_eq!(p.slots[0], Slot::Label(vec!["Setup".into(), "Apps".into()]));
        assert_eq!(
            p.slots[1],
            Slot::Value {
                text: "acme.my.salesforce.com".into(),
                url_trusted: true
            }
        );
        assert_eq!(
            p.plain(&p.source),
            "Open Setup > Apps at acme.my.salesforce.com"
        );
    }

    #[test]
    fn tokens_mode_fills_only_book_variables() {
        let v = values();
        let p = prepare(
            "{{ book.product }} on {{ environment.host }}",
            &Fill::Tokens(&v),
        );
        assert_eq!(
            p.plain(&p.source),
            "Connector on \u{2039}environment.host\u{203A}"
        );
    }

    #[test]
    fn conditions_decide_visibility_only_with_values() {
        let v = values();
        assert!(!Fill::Values(&v).visible(Some("sso")));
        assert!(Fill::Values(&v).visible(Some("not sso")));
        assert!(Fill::Tokens(&v).visible(Some("sso")));
        assert_eq!(
            Fill::Tokens(&v).condition_note(Some(" sso ")).as_deref(),
            Some("sso")
        );
    }

    #[test]
    fn non_ascii_text_and_labels_survive() {
        let p = prepare(
            "Vérifier [[Paramètres › Accès]] – {{ x }} é",
            &Fill::Tokens(&Values::default()),
        );
        assert_eq!(
            p.plain(&p.source),
            "Vérifier Paramètres › Accès – \u{2039}x\u{203A} é"
        );
        let p = prepare("{{ aé }}", &Fill::Tokens(&Values::default()));
        assert!(
            p.slots.is_empty(),
            "not a valid placeholder: kept literally"
        );
    }

    #[test]
    fn author_sentinel_characters_are_neutralised() {
        let p = prepare("a\u{F0000}b", &Fill::Tokens(&Values::default()));
        assert!(!has_sentinel(&p.source));
    }
}
