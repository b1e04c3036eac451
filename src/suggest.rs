//! "Did you mean" suggestions.

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let w = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&w, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_near_names_only() {
        assert_eq!(
            super::closest("enviroment", ["environment", "email"]),
            Some("environment")
        );
        assert_eq!(super::closest("zzz", ["environment"]), None);
    }
}
