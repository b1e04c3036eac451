//! Conditions on sections and steps: `name`, `name.facet`, `not name`,
//! `name == "value"`, `name != "value"`.

/// A parsed condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// True when the referenced value is `true`.
    Truthy { key: String, negated: bool },
    /// Compares the referenced value with a literal.
    Equals {
        key: String,
        value: String,
        negated: bool,
    },
}

impl Condition {
    /// Parse a condition; the error says what is expected.
    pub fn parse(src: &str) -> Result<Condition, String> {
        let s = src.trim();
        for (op, negated) in [("!=", true), ("==", false)] {
            if let Some((lhs, rhs)) = s.split_once(op) {
                let key = parse_key(lhs)?;
                let value = parse_literal(rhs)?;
                return Ok(Condition::Equals {
                    key,
                    value,
                    negated,
                });
            }
        }
        let (negated, rest) = match s.strip_prefix("not ") {
            Some(r) => (true, r),
            None => (false, s),
        };
        Ok(Condition::Truthy {
            key: parse_key(rest)?,
            negated,
        })
    }

    /// The input (before any `.facet`) the condition reads.
    pub fn input_name(&self) -> &str {
        let key = match self {
            Condition::Truthy { key, .. } | Condition::Equals { key, .. } => key,
        };
        key.split('.').next().unwrap_or(key)
    }

    /// The full reference (`name` or `name.facet`).
    pub fn key(&self) -> &str {
        match self {
            Condition::Truthy { key, .. } | Condition::Equals { key, .. } => key,
        }
    }

    /// Evaluate against a lookup of reference -> value text.
    pub fn eval(&self, lookup: impl Fn(&str) -> Option<String>) -> bool {
        match self {
            Condition::Truthy { key, negated } => {
                let v = lookup(key).unwrap_or_default();
                is_true(&v) != *negated
            }
            Condition::Equals {
                key,
                value,
                negated,
            } => (lookup(key).as_deref() == Some(value.as_str())) != *negated,
        }
    }
}

/// The spellings of true a boolean input accepts.
pub fn is_true(v: &str) -> bool {
    matches!(v.trim().to_ascii_lowercase().as_str(), "true" | "yes")
}

fn parse_key(s: &str) -> Result<String, String> {
    let k = s.trim();
    let ok = !k.is_empty()
        && k.split('.').count() <= 2
        && k.split('.').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        });
    if ok {
        Ok(k.to_string())
    } else {
        Err(format!(
            "`{k}` is not an input reference; write `name`, `name.facet`, `not name` or `name == \"value\"`"
        ))
    }
}

fn parse_literal(s: &str) -> Result<String, String> {
    let t = s.trim();
    t.strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .map(str::to_string)
        .ok_or_else(|| format!("`{t}` must be a quoted string, e.g. \"enterprise\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(k: &str) -> Option<String> {
        match k {
            "environment.sandbox" => Some("true".into()),
            "plan" => Some("enterprise".into()),
            _ => None,
        }
    }

    #[test]
    fn truthy_and_negation() {
        assert!(
            Condition::parse("environment.sandbox")
                .unwrap()
                .eval(lookup)
        );
        assert!(
            !Condition::parse("not environment.sandbox")
                .unwrap()
                .eval(lookup)
        );
        assert!(!Condition::parse("sso").unwrap().eval(lookup));
    }

    #[test]
    fn equality() {
        assert!(
            Condition::parse("plan == \"enterprise\"")
                .unwrap()
                .eval(lookup)
        );
        assert!(Condition::parse("plan != \"pro\"").unwrap().eval(lookup));
        assert_eq!(
            Condition::parse("plan == \"x\"").unwrap().input_name(),
            "plan"
        );
    }

    #[test]
    fn rejects_garbage() {
        assert!(Condition::parse("a b").is_err());
        assert!(Condition::parse("plan == pro").is_err());
        assert!(Condition::parse("").is_err());
    }
}
