//! Marketplaces and the region prefixes of their codes.
//!
//! A gift card or credit code starts with a two-symbol region prefix and is accepted only on its own
//! marketplace. I and O are not in the A32 alphabet, so Italy, India and Ireland use the user-assigned
//! prefixes XT, XN and XE.

/// One marketplace: the prefix its codes carry, its site, and the countries whose customers shop there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Marketplace {
    /// Two-symbol prefix of its codes (also its identifier).
    pub prefix: &'static str,
    /// The site, e.g. `amazon.de`.
    pub domain: &'static str,
    /// ISO 3166-1 alpha-2 codes of the countries served (customers in AT use amazon.de).
    pub countries: &'static [&'static str],
}

/// Version of the marketplace table; bumped whenever an entry changes.
pub const TABLE_VERSION: u32 = 1;

/// Every marketplace, in the order of DESIGN.md §2.
pub const MARKETPLACES: &[Marketplace] = &[
    Marketplace { prefix: "DE", domain: "amazon.de", countries: &["DE", "AT"] },
    Marketplace { prefix: "UK", domain: "amazon.co.uk", countries: &["GB"] },
    Marketplace { prefix: "FR", domain: "amazon.fr", countries: &["FR"] },
    Marketplace { prefix: "ES", domain: "amazon.es", countries: &["ES"] },
    Marketplace { prefix: "XT", domain: "amazon.it", countries: &["IT"] },
    Marketplace { prefix: "NL", domain: "amazon.nl", countries: &["NL"] },
    Marketplace { prefix: "PL", domain: "amazon.pl", countries: &["PL"] },
    Marketplace { prefix: "SE", domain: "amazon.se", countries: &["SE"] },
    Marketplace { prefix: "BE", domain: "amazon.com.be", countries: &["BE"] },
    Marketplace { prefix: "US", domain: "amazon.com", countries: &["US"] },
    Marketplace { prefix: "CA", domain: "amazon.ca", countries: &["CA"] },
    Marketplace { prefix: "MX", domain: "amazon.com.mx", countries: &["MX"] },
    Marketplace { prefix: "BR", domain: "amazon.com.br", countries: &["BR"] },
    Marketplace { prefix: "JP", domain: "amazon.co.jp", countries: &["JP"] },
    Marketplace { prefix: "AU", domain: "amazon.com.au", countries: &["AU"] },
    Marketplace { prefix: "XN", domain: "amazon.in", countries: &["IN"] },
    Marketplace { prefix: "XE", domain: "amazon.ie", countries: &["IE"] },
    Marketplace { prefix: "TR", domain: "amazon.com.tr", countries: &["TR"] },
    Marketplace { prefix: "AE", domain: "amazon.ae", countries: &["AE"] },
    Marketplace { prefix: "SA", domain: "amazon.sa", countries: &["SA"] },
    Marketplace { prefix: "SG", domain: "amazon.sg", countries: &["SG"] },
    Marketplace { prefix: "EG", domain: "amazon.eg", countries: &["EG"] },
    Marketplace { prefix: "ZA", domain: "amazon.co.za", countries: &["ZA"] },
];

/// The marketplace whose codes carry `prefix` (exact, uppercase).
pub fn by_prefix(prefix: &str) -> Option<&'static Marketplace> {
    MARKETPLACES.iter().find(|m| m.prefix == prefix)
}

/// True when some marketplace prefix starts with `partial` (for input still being typed).
pub fn is_prefix_start(partial: &str) -> bool {
    MARKETPLACES.iter().any(|m| m.prefix.starts_with(partial))
}

/// Resolves what a caller names a marketplace by: its prefix (`XT`), a country it serves (`IT`, `AT`,
/// `GB`), or its domain (`amazon.it`, `www.amazon.it`), in any case.
pub fn resolve(name: &str) -> Option<&'static Marketplace> {
    let wanted = crate::trim(name).to_ascii_uppercase();
    let wanted = wanted.strip_prefix("WWW.").unwrap_or(&wanted);
    MARKETPLACES.iter().find(|m| m.prefix == wanted).or_else(|| {
        MARKETPLACES.iter().find(|m| m.countries.contains(&wanted) || m.domain.eq_ignore_ascii_case(wanted))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alphabet::A32;

    #[test]
    fn table_is_consistent() {
        for (i, m) in MARKETPLACES.iter().enumerate() {
            assert_eq!(m.prefix.len(), 2);
            assert!(m.prefix.chars().all(|c| A32.contains(c)), "{} must be spelt in A32", m.prefix);
            assert!(MARKETPLACES[..i].iter().all(|o| o.prefix != m.prefix && o.domain != m.domain));
            assert!(m.countries.iter().all(|c| c.len() == 2));
        }
        assert_eq!(MARKETPLACES.len(), 23);
    }

    #[test]
    fn resolves_prefixes_countries_and_domains() {
        assert_eq!(resolve("de").map(|m| m.prefix), Some("DE"));
        assert_eq!(resolve("AT").map(|m| m.prefix), Some("DE"));
        assert_eq!(resolve("IT").map(|m| m.prefix), Some("XT"));
        assert_eq!(resolve("GB").map(|m| m.prefix), Some("UK"));
        assert_eq!(resolve("www.Amazon.co.jp").map(|m| m.prefix), Some("JP"));
        assert_eq!(resolve("amazon.ie").map(|m| m.prefix), Some("XE"));
        assert_eq!(resolve("QQ"), None);
        assert!(is_prefix_start("X") && is_prefix_start("") && !is_prefix_start("Q"));
    }
}
