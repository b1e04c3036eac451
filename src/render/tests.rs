//! Whole-guide tests: numbering, substitution and escaping across the
//! Markdown export, the HTML page and the checklist.

use super::*;
use crate::inputs::Values;

const HOSTILE: &str = "Smith & Jones \"Prod\" <img src=x onerror=alert(1)> [x](javascript:alert(2)) *bold* `code` {{ other }}";

fn guide(yaml: &str) -> Guide {
    serde_saphyr::from_str::<Guide>(yaml).unwrap()
}

/// Four steps over two sections; step 3 is conditional on `sso` (C14).
const NUMBERING: &str = r#"
id: numbering
title: Numbering
summary: Four steps, one skipped.
product: salesforce
verified: { release: "Spring '26", date: "2026-02-01" }
records:
  - { id: consumer_key, label: Consumer Key }
  - { id: consumer_secret, label: Consumer Secret, secret: true }
sections:
  - id: first
    title: First
    steps:
      - id: one
        title: One
        text: Plain.
      - id: two
        title: Two
        records: [consumer_key, consumer_secret]
        text: |
          Run this:

          ```bash
          echo hi
          ```

          Then:

          - a
          - b

          | x | y |
          |---|---|
          | 1 | 2 |
  - id: second
    title: Second
    steps:
      - id: three
        title: Three
        when: sso
        text: SSO only.
      - id: four
        title: Four
        text: Last.
"#;

fn sso_off() -> Values {
    let mut v = Values::default();
    v.insert("sso", "false");
    v.insert("consumer_key", "3MVG9 & key");
    v.insert("consumer_secret", "must-not-show");
    v
}

#[test]
fn numbering_skips_hidden_steps_without_gaps_in_every_format() {
    let g = guide(NUMBERING);
    let v = sso_off();
    let fill = Fill::Values(&v);
    let theme = Theme::builtin();

    let md = markdown(&g, &fill);
    assert!(
        md.contains("### Step 1: One")
            && md.contains("### Step 2: Two")
            && md.contains("### Step 3: Four"),
        "{md}"
    );
    assert!(!md.contains("Three") && !md.contains("Step 4"), "{md}");

    let html = html_page(&g, &fill, &theme).unwrap();
    assert!(
        html.contains("Step 1</span> One")
            && html.contains("Step 2</span> Two")
            && html.contains("Step 3</span> Four"),
        "{html}"
    );
    assert!(!html.contains("step-three") && !html.contains("Step 4"));

    let cl = checklist(&g, &fill, &theme, false).unwrap();
    assert!(
        cl.contains("1.</span> <span class=\"gs-check-title\">One")
            && cl.contains("2.</span> <span class=\"gs-check-title\">Two")
            && cl.contains("3.</span> <span class=\"gs-check-title\">Four"),
        "{cl}"
    );
    assert!(!cl.contains("SSO only"));
}

#[test]
fn token_mode_shows_every_step_with_its_condition() {
    let g = guide(NUMBERING);
    let none = Values::default();
    let fill = Fill::Tokens(&none);
    let md = markdown(&g, &fill);
    assert!(
        md.contains("### Step 3: Three\n\n> Only if: sso: yes") && md.contains("### Step 4: Four"),
        "{md}"
    );
    let html = html_page(&g, &fill, &Theme::builtin()).unwrap();
    assert!(
        html.contains("id=\"step-three\"") && html.contains("Only if: sso: yes"),
        "{html}"
    );
}

#[test]
fn records_show_values_but_never_secrets() {
    let g = guide(NUMBERING);
    let v = sso_off();
    let fill = Fill::Values(&v);
    let md = markdown(&g, &fill);
    assert!(md.contains("- **Consumer Key**: 3MVG9 & key"), "{md}");
    assert!(md.contains("- **Consumer Secret**: ________"), "{md}");
    let html = html_page(&g, &fill, &Theme::builtin()).unwrap();
    assert!(
        html.contains("3MVG9 &amp; key") && !html.contains("must-not-show"),
        "{html}"
    );
    let cl = checklist(&g, &fill, &Theme::builtin(), true).unwrap();
    assert!(
        cl.contains("Consumer Secret:</span> <span class=\"gs-blank\"></span>"),
        "{cl}"
    );
    assert!(!cl.contains("must-not-show"));
}

#[test]
fn markdown_body_code_block_stays_fenced() {
    let g = guide(NUMBERING);
    let v = sso_off();
    let md = markdown(&g, &Fill::Values(&v));
    assert!(md.contains("```bash\necho hi\n```"), "{md}");
}

const CALLBACK: &str = r#"
id: callback
title: Connected app
summary: Create it.
product: salesforce
verified: { release: "Spring '26", date: "2026-02-01" }
inputs:
  - { id: environment, label: Org, type: my-domain }
sections:
  - id: app
    title: App
    steps:
      - id: callback-url
        title: Set the callback URL
        text: "Enter this in [[Callback URL]]:\n\n```\nhttps://{{ environment.host }}/services/oauth2/callback\n```\n"
"#;

#[test]
fn callback_url_is_substituted_in_markdown_and_html() {
    let g = guide(CALLBACK);
    let mut v = Values::default();
    v.insert("environment.host", "acme-corp.my.salesforce.com");
    let fill = Fill::Values(&v);
    let url = "https://acme-corp.my.salesforce.com/services/oauth2/callback";
    let md = markdown(&g, &fill);
    assert!(md.contains(&format!("```\n{url}\n```")), "{md}");
    assert!(md.contains("Enter this in **Callback URL**:"), "{md}");
    let html = html_page(&g, &fill, &Theme::builtin()).unwrap();
    assert!(
        html::tests_support::strip_tags(&html).contains(url),
        "{html}"
    );
    assert!(html.contains("<span class=\"gs-ui\">Callback URL</span>"));
    assert!(html.contains("id=\"step-callback-url\"") && html.contains("id=\"section-app\""));
}

const HOSTILE_GUIDE: &str = r#"
id: hostile
title: "Set up {{ company }}"
summary: "For **{{ company }}**"
product: salesforce
verified: { release: "Spring '26", date: "2026-02-01" }
inputs:
  - { id: company, label: Company }
  - { id: other, label: Other }
records:
  - { id: note, label: Note }
sections:
  - id: s
    title: "About {{ company }}"
    steps:
      - id: st
        title: "Log in to **{{ company }}**"
        records: [note]
        text: "Hello {{ company }}, see [{{ company }}](https://example.com \"{{ company }}\").\n\nRun `echo {{ company }}`.\n\n```text\n{{ company }}\n```\n"
"#;

fn hostile_values() -> Values {
    let mut v = Values::default();
    v.insert("company", HOSTILE);
    v.insert("other", "OTHER");
    v.insert("note", HOSTILE);
    v
}

fn assert_inert_html(html: &str) {
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("javascript:alert(2)\""), "{html}");
    assert!(!html.contains("href=\"javascript"), "{html}");
    assert!(!html.contains("<em>bold"), "{html}");
    assert!(
        !html.contains("&amp;amp;") && !html.contains("&amp;lt;"),
        "{html}"
    );
    assert!(!html.contains("OTHER"), "{html}");
    assert!(
        html.contains("Smith &amp; Jones &quot;Prod&quot; &lt;img src=x onerror=alert(1)&gt;")
            || html.contains("Smith &amp; Jones \"Prod\" &lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
}

#[test]
fn hostile_value_is_inert_in_html_page_and_checklist() {
    let g = guide(HOSTILE_GUIDE);
    let v = hostile_values();
    let fill = Fill::Values(&v);
    let theme = Theme::builtin();
    for page in [
        html_page(&g, &fill, &theme).unwrap(),
        checklist(&g, &fill, &theme, false).unwrap(),
    ] {
        assert_inert_html(&page);
        assert!(page.contains("<title>"), "{page}");
    }
    let page = html_page(&g, &fill, &theme).unwrap();
    // attribute contexts: meta description and link title
    assert!(
        page.contains("content=\"For Smith &amp; Jones &quot;Prod&quot; &lt;img"),
        "{page}"
    );
    assert!(
        page.contains("title=\"Smith &amp; Jones &quot;Prod&quot; &lt;img"),
        "{page}"
    );
    assert!(
        page.contains("<code>echo Smith &amp; Jones &quot;Prod&quot; &lt;img"),
        "{page}"
    );
    assert_eq!(
        page.matches("<strong>Smith &amp; Jones").count(),
        3,
        "summary, table of contents and step title: {page}"
    );
}

#[test]
fn hostile_value_is_literal_in_markdown() {
    let g = guide(HOSTILE_GUIDE);
    let v = hostile_values();
    let md = markdown(&g, &Fill::Values(&v));
    assert!(md.contains(&format!("```text\n{HOSTILE}\n```")), "{md}");
    assert!(md.contains("``echo Smith & Jones \"Prod\" <img src=x onerror=alert(1)> [x](javascript:alert(2)) *bold* `code` {{ other }}``"), "{md}");
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        pulldown_cmark::Parser::new_ext(&md, html::options()),
    );
    assert_inert_html(&html);
    assert!(html.contains("<h1>Set up Smith &amp; Jones \"Prod\" &lt;img src=x onerror=alert(1)&gt; [x](javascript:alert(2)) *bold* `code` {{ other }}</h1>"), "{html}");
}

#[test]
fn checklist_has_paper_size_and_print_rules() {
    let g = guide(NUMBERING);
    let v = sso_off();
    let theme = Theme::builtin();
    let a4 = checklist(&g, &Fill::Values(&v), &theme, false).unwrap();
    let letter = checklist(&g, &Fill::Values(&v), &theme, true).unwrap();
    assert!(a4.contains("@page { size: A4;") && letter.contains("@page { size: letter;"));
    assert!(a4.contains("break-inside: avoid") && a4.contains("break-after: avoid"));
    assert_eq!(a4.matches("<span class=\"gs-box\"").count(), 3);
    assert!(
        !theme.file("print.css").unwrap().contains("background:"),
        "boxes must print without background graphics"
    );
}
