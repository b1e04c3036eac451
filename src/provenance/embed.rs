//! Writing provenance into HTML, Markdown and PDF, and reading it back.
//!
//! The HTML and Markdown forms are inserted around the rendered document,
//! not by the theme's templates, so a custom theme cannot drop them. The PDF
//! form is an incremental update (PDF 1.7, 7.5.6): a new document
//! information dictionary appended after Chromium's output, leaving every
//! original byte in place.

use super::{KEY, Provenance};
use crate::render::escape;

/// `page` with the meta tag after `<head>` and the footer before `</body>`.
pub fn html(page: &str, p: &Provenance) -> String {
    let meta = format!(
        "\n<meta name=\"{KEY}\" content=\"{}\">",
        escape::html(&p.to_json())
    );
    let footer = format!(
        "<footer class=\"gs-provenance\"><p>{}</p></footer>\n",
        escape::html(&p.footer())
    );
    let mut out = page.to_string();
    match out.find("<head>") {
        Some(i) => out.insert_str(i + "<head>".len(), &meta),
        None => out.insert_str(0, &meta),
    }
    match out.rfind("</body>") {
        Some(i) => out.insert_str(i, &footer),
        None => out.push_str(&footer),
    }
    out
}

/// `doc` with YAML front matter first and the footer last.
pub fn markdown(doc: &str, p: &Provenance) -> String {
    let json = p.to_json().replace('\'', "''");
    format!(
        "---\n{KEY}: '{json}'\n---\n\n{}\n\n* * *\n\n_{}_\n",
        doc.trim_end(),
        escape::markdown_prose(&p.footer())
    )
}

/// A PDF with its document information replaced by one naming `title` and holding `p`.
pub fn pdf(bytes: &[u8], title: &str, p: &Provenance) -> Result<Vec<u8>, String> {
    let tail = trailer(bytes).ok_or("the PDF has no classic trailer to update")?;
    let info_number = tail.size;
    let mut out = bytes.to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let info_at = out.len();
    let info = format!(
        "{info_number} 0 obj\n<< /Title {} /Subject {} /Keywords {} /Creator {} /Producer {} >>\nendobj\n",
        pdf_text(title),
        pdf_text(&p.footer()),
        pdf_text(&format!("{KEY}:{}", p.to_json())),
        pdf_text(&p.generator),
        pdf_text("Chromium, via guidesmith"),
    );
    out.extend_from_slice(info.as_bytes());
    let xref_at = out.len();
    let update = format!(
        "xref\n0 1\n0000000000 65535 f \n{info_number} 1\n{info_at:010} 00000 n \ntrailer\n<< /Size {} /Root {} /Info {info_number} 0 R /Prev {} >>\nstartxref\n{xref_at}\n%%EOF\n",
        info_number + 1,
        tail.root,
        tail.startxref
    );
    out.extend_from_slice(update.as_bytes());
    Ok(out)
}

/// What the last trailer says.
struct Trailer {
    size: u64,
    root: String,
    startxref: u64,
}

fn trailer(bytes: &[u8]) -> Option<Trailer> {
    let text = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(4096)..]);
    let t = &text[text.rfind("trailer")?..];
    let size = number_after(t, "/Size")?;
    let root_at = t.find("/Root")? + "/Root".len();
    let root: String = t[root_at..]
        .trim_start()
        .split(" R")
        .next()?
        .trim()
        .to_string()
        + " R";
    let startxref = number_after(&text[text.rfind("startxref")?..], "startxref")?;
    Some(Trailer {
        size,
        root,
        startxref,
    })
}

fn number_after(text: &str, key: &str) -> Option<u64> {
    let rest = text[text.find(key)? + key.len()..].trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// A PDF text string in UTF-16BE hex, safe for any character.
fn pdf_text(s: &str) -> String {
    let mut out = String::from("<FEFF");
    for unit in s.encode_utf16() {
        out.push_str(&format!("{unit:04X}"));
    }
    out.push('>');
    out
}

/// The provenance a file carries, whatever its format.
pub fn read(bytes: &[u8]) -> Option<Provenance> {
    let json = if bytes.starts_with(b"%PDF") {
        from_pdf(bytes)?
    } else {
        let text = std::str::from_utf8(bytes).ok()?;
        from_markdown(text).or_else(|| from_html(text))?
    };
    serde_json::from_str(&json).ok()
}

fn from_html(text: &str) -> Option<String> {
    let open = format!("<meta name=\"{KEY}\" content=\"");
    let start = text.find(&open)? + open.len();
    let end = start + text[start..].find('"')?;
    Some(unescape_html(&text[start..end]))
}

fn unescape_html(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn from_markdown(text: &str) -> Option<String> {
    let front = text.strip_prefix("---\n")?;
    let front = &front[..front.find("\n---\n")?];
    let line = front
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{KEY}: ")))?;
    let quoted = line.strip_prefix('\'')?.strip_suffix('\'')?;
    Some(quoted.replace("''", "'"))
}

fn from_pdf(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    let at = text.rfind("/Keywords <FEFF")? + "/Keywords <FEFF".len();
    let hex = &text[at..at + text[at..].find('>')?];
    let units: Vec<u16> = (0..hex.len() / 4)
        .map(|i| u16::from_str_radix(&hex[i * 4..i * 4 + 4], 16))
        .collect::<Result<_, _>>()
        .ok()?;
    let s = String::from_utf16(&units).ok()?;
    Some(s.strip_prefix(&format!("{KEY}:"))?.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provenance::StepHash;

    fn p() -> Provenance {
        Provenance {
            generator: "guidesmith 0.1.0".into(),
            guide: "g".into(),
            guide_hash: "sha256:abc'def\"<x>&".into(),
            verified: "Summer '26".into(),
            values_hash: "sha256:0123456789abcdef".into(),
            generated: "2026-12-04".into(),
            steps: vec![StepHash {
                id: "a".into(),
                hash: "00ff".into(),
            }],
            hidden: vec!["b".into()],
        }
    }

    #[test]
    fn html_round_trip_and_footer() {
        let page = html(
            "<html><head><title>x</title></head><body><p>hi</p></body></html>",
            &p(),
        );
        assert!(
            page.contains("<footer class=\"gs-provenance\"><p>Guide g · version abc&#39;def"),
            "{page}"
        );
        assert_eq!(read(page.as_bytes()), Some(p()));
    }

    #[test]
    fn markdown_round_trip_and_footer() {
        let doc = markdown("# Title\n\nText\n", &p());
        assert!(doc.starts_with("---\nguidesmith-provenance: '"), "{doc}");
        assert!(doc.trim_end().ends_with('_'), "{doc}");
        assert_eq!(read(doc.as_bytes()), Some(p()));
    }

    #[test]
    fn pdf_update_keeps_the_original_bytes_and_round_trips() {
        let original = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<</Size 2\n/Root 1 0 R>>\nstartxref\n45\n%%EOF".to_vec();
        let updated = pdf(&original, "Checklist", &p()).unwrap();
        assert!(updated.starts_with(&original));
        let text = String::from_utf8_lossy(&updated);
        assert!(
            text.contains("<< /Size 3 /Root 1 0 R /Info 2 0 R /Prev 45 >>"),
            "{text}"
        );
        assert_eq!(read(&updated), Some(p()));
    }
}
