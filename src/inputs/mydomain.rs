//! Salesforce My Domain names and URLs, as customers type them, normalised to
//! the canonical name and login host.
//!
//! Follows `salesforce-labels.md` section 5: the name rules (5.1), the
//! enhanced-domain host forms (5.2) and the legacy forms still in circulation
//! (5.3). Every rejection says why and what to type instead, on one line.

/// A normalised Salesforce My Domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MyDomain {
    /// Canonical name: `acme`, `acme--uat` (sandbox) or `acme-dev-ed`.
    pub name: String,
    /// The My Domain name without the sandbox part: `acme`.
    pub base: String,
    /// The sandbox name (the part after `--`), if this is a sandbox.
    pub sandbox: Option<String>,
    /// The domain partition: sandbox, develop, scratch, trailblaze, demo, patch or free.
    pub partition: Option<String>,
    /// Canonical login host, e.g. `acme--uat.sandbox.my.salesforce.com`.
    pub host: String,
    /// Lightning Experience host, e.g. `acme--uat.sandbox.lightning.force.com`.
    pub lightning_host: String,
}

impl MyDomain {
    /// `https://` + the login host.
    pub fn url(&self) -> String {
        format!("https://{}", self.host)
    }

    pub fn is_sandbox(&self) -> bool {
        self.sandbox.is_some()
    }
}

/// Longest My Domain name Salesforce allows (the `-dev-ed` suffix comes on top).
pub const MAX_NAME_LEN: usize = 40;
/// Longest sandbox name Salesforce allows.
pub const MAX_SANDBOX_LEN: usize = 10;

pub(crate) const DEV_ED: &str = "-dev-ed";

/// What to type instead; ends every rejection.
pub(crate) const HINT: &str = "type your My Domain name, the part before .my.salesforce.com in the address bar when you are logged in, e.g. acme (or acme--uat for a sandbox)";

/// Domain partitions (the label between the name and the family).
pub(crate) const PARTITIONS: &[&str] = &[
    "sandbox",
    "develop",
    "scratch",
    "trailblaze",
    "demo",
    "patch",
    "free",
];

/// Host families that carry the My Domain name in their first label.
/// `true` marks Visualforce forms, whose last `--` part is a package namespace.
pub(crate) const FAMILIES: &[(&str, bool)] = &[
    (".my.salesforce.com", false),
    (".lightning.force.com", false),
    (".my.salesforce-setup.com", false),
    (".my.site.com", false),
    (".my.salesforce-sites.com", false),
    (".my.salesforce-scrt.com", false),
    (".file.force.com", false),
    (".vf.force.com", true),
    (".visual.force.com", true),
    (".visualforce.com", true),
];

/// Salesforce's generic login pages, which do not identify an org.
pub(crate) const GENERIC_LOGIN_HOSTS: &[&str] = &[
    "login.salesforce.com",
    "test.salesforce.com",
    "welcome.salesforce.com",
];

/// Host suffixes of Salesforce clouds whose host forms guidesmith does not know.
pub(crate) const OTHER_CLOUDS: &[(&str, &str)] = &[
    (".mil", "Government Cloud Plus – Defense"),
    (".sfcrmproducts.cn", "Salesforce on Alibaba Cloud"),
    (".sfcrmapps.cn", "Salesforce on Alibaba Cloud"),
];

/// Domains owned by Salesforce that are not an org's My Domain as such.
pub(crate) const SALESFORCE_DOMAINS: &[&str] = &[
    "salesforce.com",
    "force.com",
    "salesforce-setup.com",
    "site.com",
    "salesforce-sites.com",
    "salesforce-scrt.com",
    "salesforce-experience.com",
    "visualforce.com",
    "cloudforce.com",
    "database.com",
    "trailhead.com",
];

/// Normalise what a customer typed (a name or any org URL) to a [`MyDomain`].
///
/// Accepts bare names (`acme`, `Acme-Corp`, `acme--uat`, `acme--uat.sandbox`),
/// URLs of every enhanced-domain family (login, Lightning, Setup, Experience
/// Cloud sites, Salesforce Sites, Visualforce, content), legacy forms
/// (`acme--uat.my.salesforce.com`, `acme.cs42.my.salesforce.com`,
/// `acme-dev-ed.my.salesforce.com`) and the `.mcas.ms` proxy suffix.
/// Scheme, user info, port, path, query, fragment and a trailing dot are
/// ignored. The reserved words `root`, `status` and `apex` are not checked:
/// the reference rates them as warnings only.
pub fn normalise_my_domain(input: &str) -> Result<MyDomain, String> {
    let typed = input.trim();
    if typed.is_empty() {
        return Err(format!("no value given; {HINT}"));
    }
    let shown = shown(typed);
    let host = extract_host(typed, &shown)?;
    let (label, partition, visualforce) = split_host(&host, &shown)?;
    build(label, partition, visualforce, &shown)
}

/// The text as typed, safe to quote in a one-line message.
fn shown(typed: &str) -> String {
    let mut s: String = typed
        .chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect();
    if s.chars().count() > 80 {
        s = s.chars().take(77).collect::<String>() + "…";
    }
    s
}

/// The lower-cased host name of a URL or bare name, with scheme, user info,
/// port, path, query, fragment, trailing dots and `.mcas.ms` removed.
fn extract_host(typed: &str, shown: &str) -> Result<String, String> {
    let lower = typed.to_lowercase();
    let (rest, had_scheme) = match lower.find("://") {
        Some(i) => (&lower[i + 3..], true),
        None => (lower.as_str(), false),
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let mut authority = &rest[..end];
    if let Some(at) = authority.rfind('@') {
        if !had_scheme {
            return Err(format!(
                "`{shown}` looks like an email address or user name, not an org address; {HINT}"
            ));
        }
        authority = &authority[at + 1..];
    }
    if let Some(colon) = authority.rfind(':') {
        let port = &authority[colon + 1..];
        if port.chars().all(|c| c.is_ascii_digit()) {
            authority = &authority[..colon];
        }
    }
    let host = authority.trim_end_matches('.');
    let host = host.strip_suffix(".mcas.ms").unwrap_or(host);
    if host.is_empty() {
        return Err(format!("`{shown}` contains no host name; {HINT}"));
    }
    if let Some(c) = host
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '.'))
    {
        let what = if c.is_whitespace() {
            "a space".to_string()
        } else if c.is_control() {
            format!("the control character U+{:04X}", c as u32)
        } else {
            format!("`{c}`")
        };
        return Err(format!(
            "`{shown}` contains {what}: a My Domain name has only letters a-z, digits and hyphens; {HINT}"
        ));
    }
    if host.starts_with('.') || host.contains("..") {
        return Err(format!("`{shown}` has an empty part between dots; {HINT}"));
    }
    Ok(host.to_string())
}

/// Split a host into its first label, the partition (if any) and whether it
/// is a Visualforce form; reject hosts that do not identify an org.
fn split_host<'a>(host: &'a str, shown: &str) -> Result<(&'a str, Option<&'a str>, bool), String> {
    if !host.contains('.') {
        return Ok((host, None, false));
    }
    if GENERIC_LOGIN_HOSTS.contains(&host) {
        return Err(format!(
            "`{shown}` is Salesforce's generic login page, not your org; {HINT}"
        ));
    }
    if is_instance_host(host) {
        return Err(format!(
            "`{shown}` is an instance URL, not an environment name: instance URLs change when Salesforce migrates the org; {HINT}"
        ));
    }
    if let Some((_, cloud)) = OTHER_CLOUDS.iter().find(|(s, _)| host.ends_with(s)) {
        return Err(format!(
            "`{shown}` is a {cloud} address; guidesmith only knows the commercial Salesforce host forms, so a guide for this org would show wrong addresses"
        ));
    }
    for (suffix, visualforce) in FAMILIES {
        let Some(prefix) = host.strip_suffix(suffix) else {
            continue;
        };
        let mut labels = prefix.split('.');
        let label = labels.next().unwrap_or_default();
        let mut partition = None;
        for middle in labels {
            if partition.is_none() && PARTITIONS.contains(&middle) {
                partition = Some(middle);
            } else if is_instance_label(middle) {
                // Very old forms carried the instance (`acme.cs42.my.salesforce.com`).
            } else {
                return Err(format!(
                    "`{shown}` is not a My Domain address guidesmith recognises: unexpected `{middle}` before `{}`; {HINT}",
                    &suffix[1..]
                ));
            }
        }
        if *visualforce && label == "c" {
            return Err(format!(
                "`{shown}` is an old Visualforce address that does not name your org; {HINT}"
            ));
        }
        return Ok((label, partition, *visualforce));
    }
    // A bare name with its partition: `acme--uat.sandbox`, `acme-dev-ed.develop`.
    if let Some((label, partition)) = host.split_once('.')
        && PARTITIONS.contains(&partition)
    {
        return Ok((label, Some(partition), false));
    }
    if host.ends_with(".force.com") {
        return Err(format!(
            "`{shown}` looks like a Salesforce Sites or community address, which need not carry your My Domain name; {HINT}"
        ));
    }
    if SALESFORCE_DOMAINS
        .iter()
        .any(|d| host == *d || host.ends_with(&format!(".{d}")))
    {
        return Err(format!(
            "`{shown}` is a Salesforce address but not your org's My Domain; {HINT}"
        ));
    }
    Err(format!("`{shown}` is not a Salesforce address; {HINT}"))
}

/// An instance label such as `na123`, `eu25`, `cs42` or `usa2s`.
fn is_instance_label(label: &str) -> bool {
    let letters = label.chars().take_while(char::is_ascii_lowercase).count();
    let rest = &label[letters..];
    let rest = rest.strip_suffix('s').unwrap_or(rest);
    (2..=4).contains(&letters) && !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit())
}

/// `na123.salesforce.com`, `usa2s.sfdc-xxxx.salesforce.com`, `c.na123.visual.force.com`.
fn is_instance_host(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    match labels.as_slice() {
        [inst, "salesforce", "com"] => is_instance_label(inst),
        [_, sfdc, "salesforce" | "force", "com"] => sfdc.starts_with("sfdc-"),
        ["c", inst, "visual", "force", "com"] => is_instance_label(inst),
        _ => false,
    }
}

/// Validate the first label and build the canonical names and hosts.
fn build(
    label: &str,
    partition: Option<&str>,
    visualforce: bool,
    shown: &str,
) -> Result<MyDomain, String> {
    if label.is_empty() {
        return Err(format!(
            "`{shown}` has no name before the first dot; {HINT}"
        ));
    }
    if label.starts_with('-') {
        return Err(format!(
            "`{shown}` starts with a hyphen: a My Domain name starts with a letter or digit; {HINT}"
        ));
    }
    if label.ends_with('-') {
        return Err(format!(
            "`{shown}` ends with a hyphen: a My Domain name ends with a letter or digit; {HINT}"
        ));
    }
    if label.contains("---") {
        return Err(format!(
            "`{shown}` has three hyphens in a row: exactly two (`--`) separate the My Domain name from the sandbox name; {HINT}"
        ));
    }
    let mut parts: Vec<&str> = label.split("--").collect();
    if visualforce && parts.len() >= 2 {
        parts.pop(); // the package namespace, `c` for unmanaged code
    }
    let (base, sandbox) = match parts.as_slice() {
        [base] => (*base, None),
        [base, sandbox] => (*base, Some(*sandbox)),
        _ => {
            return Err(format!(
                "`{shown}` has more than one `--`: only the sandbox name follows `--`; {HINT}"
            ));
        }
    };
    let dev_ed = base.ends_with(DEV_ED);
    let limit = MAX_NAME_LEN + if dev_ed { DEV_ED.len() } else { 0 };
    let len = base.chars().count();
    if len > limit {
        return Err(format!(
            "the My Domain name `{base}` has {len} characters; Salesforce allows at most {MAX_NAME_LEN}, so check for a typo; {HINT}"
        ));
    }
    if let Some(sbx) = sandbox
        && (sbx.len() > MAX_SANDBOX_LEN || !sbx.chars().all(|c| c.is_ascii_alphanumeric()))
    {
        return Err(format!(
            "the sandbox name `{sbx}` (the part after `--`) must be 1 to {MAX_SANDBOX_LEN} letters or digits; type NAME--SANDBOX as in the sandbox's address, e.g. acme--uat"
        ));
    }
    let partition = match (partition, sandbox) {
        // Legacy sandbox My Domain without enhanced domains.
        (None, Some(_)) => Some("sandbox"),
        (Some("sandbox"), None) => {
            return Err(format!(
                "`{shown}` is a sandbox address without a sandbox name: sandbox addresses look like acme--uat.sandbox.my.salesforce.com; type NAME--SANDBOX, e.g. acme--uat"
            ));
        }
        (Some(p), Some(sbx)) if p != "sandbox" => {
            return Err(format!(
                "`{shown}` names a sandbox (`--{sbx}`) but is a {p} address; {HINT}"
            ));
        }
        // Developer Edition orgs have used the develop partition since Winter '24.
        (None, None) if dev_ed => Some("develop"),
        (p, _) => p,
    };
    let name = match sandbox {
        Some(sbx) => format!("{base}--{sbx}"),
        None => base.to_string(),
    };
    let prefix = match partition {
        Some(p) => format!("{name}.{p}"),
        None => name.clone(),
    };
    Ok(MyDomain {
        host: format!("{prefix}.my.salesforce.com"),
        lightning_host: format!("{prefix}.lightning.force.com"),
        base: base.to_string(),
        sandbox: sandbox.map(str::to_string),
        partition: partition.map(str::to_string),
        name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (typed, canonical name, login host)
    const ACCEPTED: &[(&str, &str, &str)] = &[
        ("acme", "acme", "acme.my.salesforce.com"),
        ("Acme-Corp", "acme-corp", "acme-corp.my.salesforce.com"),
        ("  acme \t", "acme", "acme.my.salesforce.com"),
        ("a", "a", "a.my.salesforce.com"),
        ("acme2024", "acme2024", "acme2024.my.salesforce.com"),
        (
            "acme--uat",
            "acme--uat",
            "acme--uat.sandbox.my.salesforce.com",
        ),
        (
            "acme--UAT",
            "acme--uat",
            "acme--uat.sandbox.my.salesforce.com",
        ),
        (
            "acme--uat.sandbox",
            "acme--uat",
            "acme--uat.sandbox.my.salesforce.com",
        ),
        (
            "https://acme.my.salesforce.com/lightning/setup/SetupOneHome/home",
            "acme",
            "acme.my.salesforce.com",
        ),
        (
            "https://acme--uat.sandbox.my.salesforce.com/",
            "acme--uat",
            "acme--uat.sandbox.my.salesforce.com",
        ),
        (
            "https://acme.lightning.force.com/lightning/page/home",
            "acme",
            "acme.my.salesforce.com",
        ),
        (
            "acme--uat.sandbox.lightning.force.com",
            "acme--uat",
            "acme--uat.sandbox.my.salesforce.com",
        ),
        (
            "https://acme.my.salesforce-setup.com/lightning/setup/SetupOneHome/home",
            "acme",
            "acme.my.salesforce.com",
        ),
        (
            "acme--uat.sandbox.my.salesforce-setup.com",
            "acme--uat",
            "acme--uat.sandbox.my.salesforce.com",
        ),
        (
            "acme-dev-ed.develop.my.salesforce.com",
            "acme-dev-ed",
            "acme-dev-ed.develop.my.salesforce.com",
        ),
        (
            "acme-dev-ed",
            "acme-dev-ed",
            "acme-dev-ed.develop.my.salesforce.com",
        ),
        (
            "acme-dev-ed.my.salesforce.com",
            "acme-dev-ed",
            "acme-dev-ed.develop.my.salesforce.com",
        ),
        (
            "acme--uat.my.salesforce.com",
            "acme--uat",
            "acme--uat.sandbox.my.salesforce.com",
        ),
        (
            "acme--uat.cs42.my.salesforce.com",
            "acme--uat",
            "acme--uat.sandbox.my.salesforce.com",
        ),
        (
            "acme.cs42.my.salesforce.com",
            "acme",
            "acme.my.salesforce.com",
        ),
        (
            "https://acme.my.site.com/s/login",
            "acme",
            "acme.my.salesforce.com",
        ),
        (
            "acme--uat.sandbox.my.site.com",
            "acme--uat",
            "acme--uat.sandbox.my.salesforce.com",
        ),
        (
            "acme.my.salesforce-sites.com",
            "acme",
            "acme.my.salesforce.com",
        ),
        (
            "https://acme.lightning.force.com.mcas.ms/lightning/page/home",
            "acme",
            "acme.my.salesforce.com",
        ),
        ("acme.my.salesforce.com.", "acme", "acme.my.salesforce.com"),
        (
            "https://acme.my.salesforce.com:443/x?y=1#z",
            "acme",
            "acme.my.salesforce.com",
        ),
        (
            "https://jo:pw@acme.my.salesforce.com/",
            "acme",
            "acme.my.salesforce.com",
        ),
        (
            "HTTPS://ACME.MY.SALESFORCE.COM",
            "acme",
            "acme.my.salesforce.com",
        ),
        ("acme.my.salesforce.com/", "acme", "acme.my.salesforce.com"),
        (
            "speed-ruby-1234.scratch.my.salesforce.com",
            "speed-ruby-1234",
            "speed-ruby-1234.scratch.my.salesforce.com",
        ),
        (
            "acme.trailblaze.lightning.force.com",
            "acme",
            "acme.trailblaze.my.salesforce.com",
        ),
        (
            "acme.demo.my.salesforce.com",
            "acme",
            "acme.demo.my.salesforce.com",
        ),
        (
            "acme.patch.my.salesforce.com",
            "acme",
            "acme.patch.my.salesforce.com",
        ),
        ("acme--c.vf.force.com", "acme", "acme.my.salesforce.com"),
        (
            "acme--uat--c.sandbox.vf.force.com",
            "acme--uat",
            "acme--uat.sandbox.my.salesforce.com",
        ),
        ("acme.file.force.com", "acme", "acme.my.salesforce.com"),
        (
            "abcdefghijabcdefghijabcdefghijabcdefghij",
            "abcdefghijabcdefghijabcdefghijabcdefghij",
            "abcdefghijabcdefghijabcdefghijabcdefghij.my.salesforce.com",
        ),
        (
            "acme--abcde12345",
            "acme--abcde12345",
            "acme--abcde12345.sandbox.my.salesforce.com",
        ),
    ];

    /// (typed, keyword the message must contain)
    const REJECTED: &[(&str, &str)] = &[
        ("", "no value given"),
        ("   ", "no value given"),
        ("acme corp", "contains a space"),
        ("acme_corp", "contains `_`"),
        ("acme!", "contains `!`"),
        ("café", "contains `é`"),
        ("login.salesforce.com", "generic login page"),
        ("https://test.salesforce.com/", "generic login page"),
        ("welcome.salesforce.com", "generic login page"),
        ("na123.salesforce.com", "instance URL"),
        ("https://eu25.salesforce.com/home/home.jsp", "instance URL"),
        ("cs42.salesforce.com", "instance URL"),
        ("usa2s.sfdc-yfeipo.salesforce.com", "instance URL"),
        ("c.na123.visual.force.com", "instance URL"),
        ("example.com", "not a Salesforce address"),
        ("https://www.example.com/acme", "not a Salesforce address"),
        ("https://help.salesforce.com/s/", "not your org's My Domain"),
        ("acme.force.com", "Sites or community"),
        ("acme.my.salesforce.mil", "Government Cloud"),
        ("acme.my.sfcrmproducts.cn", "Alibaba"),
        ("admin@acme.com", "email address"),
        ("abcdefghijabcdefghijabcdefghijabcdefghijk", "at most 40"),
        ("-acme", "starts with a hyphen"),
        ("acme-", "ends with a hyphen"),
        ("---", "hyphen"),
        ("acme---uat", "three hyphens"),
        ("acme--uat-test", "1 to 10 letters or digits"),
        ("acme--abcdefghijk", "1 to 10 letters or digits"),
        ("acme--a--b", "more than one `--`"),
        ("acme.sandbox.my.salesforce.com", "without a sandbox name"),
        ("acme--uat.develop.my.salesforce.com", "develop address"),
        ("acme.foo.my.salesforce.com", "unexpected `foo`"),
        ("https://", "no host name"),
        (".my.salesforce.com", "empty part"),
    ];

    #[test]
    fn accepted_forms() {
        for (typed, name, host) in ACCEPTED {
            let d = normalise_my_domain(typed)
                .unwrap_or_else(|e| panic!("`{typed}` was rejected: {e}"));
            assert_eq!(d.name, *name, "name of `{typed}`");
            assert_eq!(d.host, *host, "host of `{typed}`");
            assert_eq!(
                d.lightning_host,
                host.replace(".my.salesforce.com", ".lightning.force.com"),
                "lightning host of `{typed}`"
            );
            assert_eq!(d.is_sandbox(), name.contains("--"), "sandbox of `{typed}`");
        }
    }

    #[test]
    fn rejected_forms() {
        for (typed, keyword) in REJECTED {
            match normalise_my_domain(typed) {
                Ok(d) => panic!("`{typed}` was accepted as {d:?}"),
                Err(e) => {
                    assert!(e.contains(keyword), "`{typed}`: `{e}` lacks `{keyword}`");
                    assert!(!e.contains('\n'), "`{typed}`: message is not one line");
                    assert!(!e.ends_with('.'), "`{typed}`: message ends with a period");
                }
            }
        }
    }

    #[test]
    fn every_rejection_says_what_to_type() {
        for typed in [
            "login.salesforce.com",
            "na123.salesforce.com",
            "example.com",
            "acme_x",
        ] {
            let e = normalise_my_domain(typed).unwrap_err();
            assert!(e.contains("type your My Domain name"), "{e}");
        }
    }

    #[test]
    fn sandbox_parts() {
        let d = normalise_my_domain("https://Acme--UAT.sandbox.my.salesforce.com/").unwrap();
        assert_eq!(d.base, "acme");
        assert_eq!(d.sandbox.as_deref(), Some("uat"));
        assert_eq!(d.partition.as_deref(), Some("sandbox"));
        assert_eq!(d.url(), "https://acme--uat.sandbox.my.salesforce.com");
        let p = normalise_my_domain("acme").unwrap();
        assert_eq!((p.sandbox, p.partition), (None, None));
    }

    #[test]
    fn generic_login_message_is_exact() {
        assert_eq!(
            normalise_my_domain("login.salesforce.com").unwrap_err(),
            format!(
                "`login.salesforce.com` is Salesforce's generic login page, not your org; {HINT}"
            )
        );
    }

    #[test]
    fn control_characters_are_escaped_in_messages() {
        let e = normalise_my_domain("ac\u{7}me").unwrap_err();
        assert!(e.contains("U+0007"), "{e}");
        assert!(!e.contains('\u{7}'), "{e}");
    }
}
