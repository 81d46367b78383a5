//! Texts that explain rather than report: likely causes of a failed check, the server's rejection
//! codes, and the scam warning. English and German, written for customers.
//!
//! Placeholders: `{position}` (1-based), `{actual}`, `{expected}`, `{marketplace}` (a domain).

use super::{Catalog, Entry, Locale};

/// Likely causes, by cause code.
pub const CAUSES: Catalog = catalog![
    Entry {
        key: "typo",
        en: t!("Most likely a typo at position {position}: “{actual}” was entered where the card probably shows “{expected}”.", "Use the suggested code, or check position {position} on the card and correct it."),
        de: t!("Wahrscheinlich ein Tippfehler an Stelle {position}: Eingegeben wurde „{actual}“, auf der Karte steht vermutlich „{expected}“.", "Übernehmen Sie den vorgeschlagenen Code oder prüfen Sie Stelle {position} auf der Karte und korrigieren Sie sie."),
    },
    Entry {
        key: "swapped_characters",
        en: t!("Most likely two neighbouring characters were swapped at positions {position} and {expected}.", "Use the suggested code, or compare these two positions with the card."),
        de: t!("Wahrscheinlich wurden zwei benachbarte Zeichen an Stelle {position} und {expected} vertauscht.", "Übernehmen Sie den vorgeschlagenen Code oder vergleichen Sie diese beiden Stellen mit der Karte."),
    },
    Entry {
        key: "ambiguous_typo",
        en: t!("Probably a typo, but more than one correction fits, so we can't tell which one is right.", "Compare the suggested codes with the card and pick the one that matches it exactly."),
        de: t!("Wahrscheinlich ein Tippfehler, aber mehrere Korrekturen passen – welche stimmt, lässt sich nicht sagen.", "Vergleichen Sie die vorgeschlagenen Codes mit der Karte und wählen Sie den, der genau übereinstimmt."),
    },
    Entry {
        key: "unreadable_characters",
        en: t!("Some characters were unreadable or can't occur in these codes (0, 1, I, O), and we worked them out from the rest.", "Check the suggested code against the card before you redeem it."),
        de: t!("Einige Zeichen waren unleserlich oder kommen in diesen Codes nicht vor (0, 1, I, O); wir haben sie aus dem Rest ermittelt.", "Vergleichen Sie den vorgeschlagenen Code vor dem Einlösen mit der Karte."),
    },
    Entry {
        key: "missing_character",
        en: t!("Most likely one character is missing.", "Use the suggested code, or compare the code with the card character by character."),
        de: t!("Wahrscheinlich fehlt ein Zeichen.", "Übernehmen Sie den vorgeschlagenen Code oder vergleichen Sie den Code Zeichen für Zeichen mit der Karte."),
    },
    Entry {
        key: "extra_character",
        en: t!("Most likely one character was typed twice or added by mistake.", "Use the suggested code, or compare the code with the card character by character."),
        de: t!("Wahrscheinlich wurde ein Zeichen doppelt oder versehentlich zusätzlich eingegeben.", "Übernehmen Sie den vorgeschlagenen Code oder vergleichen Sie den Code Zeichen für Zeichen mit der Karte."),
    },
    Entry {
        key: "incomplete_code",
        en: t!("The code isn't complete: {actual} of {expected} characters have been entered.", "Please enter the rest of the code from the card."),
        de: t!("Der Code ist unvollständig: {actual} von {expected} Zeichen sind eingegeben.", "Bitte geben Sie den Rest des Codes von der Karte ein."),
    },
    Entry {
        key: "extra_text",
        en: t!("More than the code was entered ({actual} characters).", "Please enter only the code, without other text from the email or card."),
        de: t!("Es wurde mehr als der Code eingegeben ({actual} Zeichen).", "Bitte geben Sie nur den Code ein, ohne weiteren Text aus der E-Mail oder von der Karte."),
    },
    Entry {
        key: "several_typos",
        en: t!("Several characters are probably mistyped.", "Please enter the code again slowly, comparing each character with the card."),
        de: t!("Wahrscheinlich sind mehrere Zeichen vertippt.", "Bitte geben Sie den Code noch einmal langsam ein und vergleichen Sie jedes Zeichen mit der Karte."),
    },
    Entry {
        key: "not_our_code",
        en: t!("It may not be a code of ours, for example a code for another shop or a reference number from the email.", "Check that you took the claim code (under the scratch-off strip or marked as the code in the email)."),
        de: t!("Es ist möglicherweise keiner unserer Codes, etwa ein Code eines anderen Shops oder eine Referenznummer aus der E-Mail.", "Prüfen Sie, ob Sie den Einlösecode genommen haben (unter dem Rubbelfeld oder in der E-Mail als Code gekennzeichnet)."),
    },
    Entry {
        key: "mistyped_prefix",
        en: t!("The first two characters are probably mistyped: they name the country the code was issued for.", "Please check the first two characters on the card."),
        de: t!("Die ersten beiden Zeichen sind wahrscheinlich vertippt: Sie stehen für das Land, für das der Code ausgegeben wurde.", "Bitte prüfen Sie die ersten beiden Zeichen auf der Karte."),
    },
    Entry {
        key: "other_marketplace",
        en: t!("The code is for {actual}, and codes work only on the store they were issued for.", "Redeem it with an account on {actual}, or ask the sender for a code for {expected}."),
        de: t!("Der Code gilt für {actual}, und Codes funktionieren nur in dem Shop, für den sie ausgegeben wurden.", "Lösen Sie ihn mit einem Konto auf {actual} ein oder bitten Sie den Absender um einen Code für {expected}."),
    },
    Entry {
        key: "serial_number",
        en: t!("The card's serial number was entered instead of its code.", "The code is under the scratch-off strip and has letters as well as digits."),
        de: t!("Statt des Codes wurde die Seriennummer der Karte eingegeben.", "Der Code steht unter dem Rubbelfeld und enthält Buchstaben und Ziffern."),
    },
    Entry {
        key: "order_number",
        en: t!("An order number was entered instead of the code.", "The code is on the card or in the email with the gift card, not in the order confirmation."),
        de: t!("Statt des Codes wurde eine Bestellnummer eingegeben.", "Der Code steht auf der Karte oder in der E-Mail mit der Geschenkkarte, nicht in der Bestellbestätigung."),
    },
    Entry {
        key: "wrong_code_type",
        en: t!("This code is of another kind than this field expects.", "Please redeem it where codes of its kind are redeemed."),
        de: t!("Dieser Code ist von anderer Art, als dieses Feld erwartet.", "Bitte lösen Sie ihn dort ein, wo Codes dieser Art eingelöst werden."),
    },
    Entry {
        key: "expired",
        en: t!("The credit has expired: courtesy credits last 30 days to 12 months from the day they are issued.", "If you believe this is a mistake, contact customer service and keep the code: it is what they need to look into it."),
        de: t!("Das Guthaben ist abgelaufen: Kulanzgutschriften gelten ab Ausstellung 30 Tage bis 12 Monate.", "Wenn Sie einen Fehler vermuten, wenden Sie sich an den Kundenservice und bewahren Sie den Code auf: Er wird für die Prüfung gebraucht."),
    },
    Entry {
        key: "device_clock",
        en: t!("The date on this device may be wrong, and whether the code is still valid is judged by it.", "Check your device's date and time, then try again."),
        de: t!("Das Datum dieses Geräts stimmt möglicherweise nicht, und danach wird beurteilt, ob der Code noch gilt.", "Prüfen Sie Datum und Uhrzeit Ihres Geräts und versuchen Sie es dann erneut."),
    },
    Entry {
        key: "foreign_characters",
        en: t!("Characters that never occur in codes were entered, perhaps from pasted text.", "Please enter only the letters and digits of the code."),
        de: t!("Es wurden Zeichen eingegeben, die in Codes nie vorkommen, vielleicht aus eingefügtem Text.", "Bitte geben Sie nur die Buchstaben und Ziffern des Codes ein."),
    },
    Entry {
        key: "keyboard_layout",
        en: t!("The letters {expected} seem swapped throughout, as a keyboard set to another language swaps them.", "Use the suggested code, or check the keyboard's language setting and type the code again."),
        de: t!("Die Buchstaben {expected} scheinen durchgehend vertauscht, wie bei einer Tastatur, die auf eine andere Sprache eingestellt ist.", "Übernehmen Sie den vorgeschlagenen Code oder prüfen Sie die Spracheinstellung der Tastatur und geben Sie den Code noch einmal ein."),
    },
    Entry {
        key: "lookalike_characters",
        en: t!("Most likely two characters that look alike, such as 8 and B, were mixed up at positions {position} and {expected}.", "Use the suggested code, or compare these two positions with the card."),
        de: t!("Wahrscheinlich wurden an Stelle {position} und {expected} zwei ähnlich aussehende Zeichen wie 8 und B verwechselt.", "Übernehmen Sie den vorgeschlagenen Code oder vergleichen Sie diese beiden Stellen mit der Karte."),
    },
];

/// How a server rejection is explained, in one language: title, message and steps kept as one text
/// joined by U+001F (made by `r!`), one pointer and length instead of one per part and a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct RejectionText(&'static str);

/// `r!("title", "message", ["step", …])`: a [`RejectionText`], joined when compiling.
macro_rules! r {
    ($title:literal, $message:literal, [$($step:literal),* $(,)?]) => {
        RejectionText(concat!($title, "\u{1f}", $message $(, "\u{1f}", $step)*))
    };
}

impl RejectionText {
    /// Short title.
    pub fn title(self) -> &'static str {
        Parts(self.0).next().unwrap_or_default()
    }

    /// What happened, in plain words.
    pub fn message(self) -> &'static str {
        Parts(self.0).nth(1).unwrap_or_default()
    }

    /// Next steps, most useful first.
    pub fn steps(self) -> impl Iterator<Item = &'static str> {
        Parts(self.0).skip(2)
    }
}

/// The parts of a joined text, split at U+001F.
struct Parts(&'static str);

impl Iterator for Parts {
    type Item = &'static str;

    fn next(&mut self) -> Option<&'static str> {
        if self.0.is_empty() {
            return None;
        }
        let part = crate::before(self.0, 0x1f);
        self.0 = self.0.get(part.len() + 1..).unwrap_or_default();
        Some(part)
    }
}

/// One server rejection code, in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RejectionEntry {
    /// The server's code, or `code.variant` for a more specific wording.
    pub key: &'static str,
    /// Whether trying again (now or later) can help.
    pub retry: bool,
    /// Whether to contact support with the diagnostics.
    pub contact_support: bool,
    /// English.
    pub en: RejectionText,
    /// German.
    pub de: RejectionText,
}

impl RejectionEntry {
    /// The text in `locale`.
    pub fn text(&self, locale: Locale) -> RejectionText {
        match locale {
            Locale::En => self.en,
            Locale::De => self.de,
        }
    }
}

/// The server's rejection codes (DESIGN.md §3). `invalid_code` and `rate_limited` are worded so that
/// they reveal nothing about whether a code exists.
pub const REJECTIONS: &[RejectionEntry] = &[
    RejectionEntry {
        key: "invalid_code",
        retry: true,
        contact_support: true,
        en: r!("The code wasn't accepted", "The code couldn't be redeemed as entered.", [
            "Compare each character with the card or email and enter the code again.",
            "If it still isn't accepted, keep the code and the card or email, and contact customer service with the diagnostics.",
        ]),
        de: r!("Der Code wurde nicht angenommen", "Der Code konnte so, wie er eingegeben wurde, nicht eingelöst werden.", [
            "Vergleichen Sie jedes Zeichen mit der Karte oder E-Mail und geben Sie den Code erneut ein.",
            "Wird er weiterhin nicht angenommen, bewahren Sie Code und Karte oder E-Mail auf und wenden Sie sich mit der Diagnose an den Kundenservice.",
        ]),
    },
    RejectionEntry {
        key: "already_redeemed",
        retry: false,
        contact_support: true,
        en: r!("This code has already been redeemed", "A code can be redeemed only once.", [
            "Check your balance: the code may already have been redeemed to this account.",
            "If you didn't redeem it, keep the code and the card or email and contact customer service with the diagnostics: the code is the evidence they need.",
            "Courtesy credits belong to the account they were issued for: they can't be transferred or paid out.",
        ]),
        de: r!("Dieser Code wurde bereits eingelöst", "Ein Code kann nur einmal eingelöst werden.", [
            "Prüfen Sie Ihr Guthaben: Der Code wurde möglicherweise schon auf dieses Konto eingelöst.",
            "Haben Sie ihn nicht eingelöst, bewahren Sie Code und Karte oder E-Mail auf und wenden Sie sich mit der Diagnose an den Kundenservice: Der Code ist der Nachweis, den er braucht.",
            "Kulanzgutschriften gehören zu dem Konto, für das sie ausgestellt wurden: Sie können nicht übertragen oder ausgezahlt werden.",
        ]),
    },
    RejectionEntry {
        key: "expired",
        retry: false,
        contact_support: true,
        en: r!("This code or credit has expired", "It can no longer be redeemed. Courtesy credits last 30 days to 12 months from the day they are issued.", [
            "Check the expiry date in the email that came with the code.",
            "If you believe it should still be valid, contact customer service with the code and the diagnostics.",
        ]),
        de: r!("Dieser Code bzw. dieses Guthaben ist abgelaufen", "Eine Einlösung ist nicht mehr möglich. Kulanzgutschriften gelten ab Ausstellung 30 Tage bis 12 Monate.", [
            "Prüfen Sie das Ablaufdatum in der E-Mail, mit der Sie den Code erhalten haben.",
            "Wenn der Code Ihrer Meinung nach noch gültig sein sollte, wenden Sie sich mit dem Code und der Diagnose an den Kundenservice.",
        ]),
    },
    RejectionEntry {
        key: "region_restricted",
        retry: false,
        contact_support: false,
        en: r!("This code is for another store", "Codes work only on the store they were issued for.", [
            "Redeem it with an account on the store it was issued for; the first two characters of the code name its country.",
            "Or ask the sender for a code for this store.",
        ]),
        de: r!("Dieser Code gilt für einen anderen Shop", "Codes funktionieren nur in dem Shop, für den sie ausgegeben wurden.", [
            "Lösen Sie ihn mit einem Konto in dem Shop ein, für den er ausgegeben wurde; die ersten beiden Zeichen des Codes nennen das Land.",
            "Oder bitten Sie den Absender um einen Code für diesen Shop.",
        ]),
    },
    RejectionEntry {
        key: "region_restricted.marketplace",
        retry: false,
        contact_support: false,
        en: r!("This code is for another store", "Codes work only on the store they were issued for, and you are redeeming on {marketplace}.", [
            "Redeem it with an account on the store it was issued for; the first two characters of the code name its country.",
            "Or ask the sender for a code for {marketplace}.",
        ]),
        de: r!("Dieser Code gilt für einen anderen Shop", "Codes funktionieren nur in dem Shop, für den sie ausgegeben wurden, und Sie lösen auf {marketplace} ein.", [
            "Lösen Sie ihn mit einem Konto in dem Shop ein, für den er ausgegeben wurde; die ersten beiden Zeichen des Codes nennen das Land.",
            "Oder bitten Sie den Absender um einen Code für {marketplace}.",
        ]),
    },
    RejectionEntry {
        key: "account_restricted",
        retry: false,
        contact_support: true,
        en: r!("Your account can't redeem codes right now", "The code wasn't redeemed because of a restriction on your account, not because of the code.", [
            "Contact customer service about your account.",
            "Keep the code: it hasn't been used and can be redeemed once the account is in order.",
        ]),
        de: r!("Ihr Konto kann gerade keine Codes einlösen", "Der Code wurde wegen einer Einschränkung Ihres Kontos nicht eingelöst, nicht wegen des Codes.", [
            "Wenden Sie sich wegen Ihres Kontos an den Kundenservice.",
            "Bewahren Sie den Code auf: Er wurde nicht verbraucht und kann eingelöst werden, sobald das Konto in Ordnung ist.",
        ]),
    },
    RejectionEntry {
        key: "not_activated",
        retry: true,
        contact_support: true,
        en: r!("This card hasn't been activated yet", "Gift cards bought in a shop are activated at the till; until then their code can't be redeemed.", [
            "Keep the receipt and try again in a few hours.",
            "If it still fails after 24 hours, contact the shop where the card was bought, or customer service with the receipt and the diagnostics.",
        ]),
        de: r!("Diese Karte ist noch nicht aktiviert", "Im Geschäft gekaufte Geschenkkarten werden an der Kasse aktiviert; vorher kann ihr Code nicht eingelöst werden.", [
            "Bewahren Sie den Kassenbon auf und versuchen Sie es in einigen Stunden erneut.",
            "Klappt es nach 24 Stunden noch nicht, wenden Sie sich an das Geschäft, in dem die Karte gekauft wurde, oder mit Kassenbon und Diagnose an den Kundenservice.",
        ]),
    },
    RejectionEntry {
        key: "rate_limited",
        retry: true,
        contact_support: false,
        en: r!("Too many attempts", "For your security, redeeming is paused for a while after several attempts.", [
            "Please wait a few minutes, then try again.",
        ]),
        de: r!("Zu viele Versuche", "Zu Ihrer Sicherheit wird das Einlösen nach mehreren Versuchen eine Weile ausgesetzt.", [
            "Bitte warten Sie einige Minuten und versuchen Sie es dann erneut.",
        ]),
    },
    RejectionEntry {
        key: "technical_error",
        retry: true,
        contact_support: true,
        en: r!("Something went wrong on our side", "The code couldn't be checked because of a technical fault. It has not been used.", [
            "Please try again in a few minutes.",
            "If it keeps failing, keep the code and contact customer service with the diagnostics.",
        ]),
        de: r!("Bei uns ist etwas schiefgelaufen", "Der Code konnte wegen einer technischen Störung nicht geprüft werden. Er wurde nicht verbraucht.", [
            "Bitte versuchen Sie es in einigen Minuten erneut.",
            "Klappt es weiterhin nicht, bewahren Sie den Code auf und wenden Sie sich mit der Diagnose an den Kundenservice.",
        ]),
    },
    RejectionEntry {
        key: "unknown",
        retry: true,
        contact_support: true,
        en: r!("The code couldn't be redeemed", "We didn't receive a clear reason.", [
            "Check the code and try again later.",
            "If it still fails, keep the code and contact customer service with the diagnostics.",
        ]),
        de: r!("Der Code konnte nicht eingelöst werden", "Wir haben keinen eindeutigen Grund erhalten.", [
            "Prüfen Sie den Code und versuchen Sie es später erneut.",
            "Klappt es weiterhin nicht, bewahren Sie den Code auf und wenden Sie sich mit der Diagnose an den Kundenservice.",
        ]),
    },
];

/// The scam warning shown next to the redemption form.
pub const SCAM_WARNING: (RejectionText, RejectionText) = (
    r!("Beware of gift card scams", "No genuine business, authority or support team asks to be paid in gift cards, or asks you to read out or send a code.", [
        "If someone asks for a code, stop: it is a scam, and a redeemed code can't be recovered.",
        "Share a code only through the official customer service channel, never by phone, chat or email with someone who contacted you.",
    ]),
    r!("Vorsicht vor Betrug mit Geschenkkarten", "Kein seriöses Unternehmen, keine Behörde und kein Support verlangt Bezahlung mit Geschenkkarten oder bittet Sie, einen Code vorzulesen oder zu schicken.", [
        "Verlangt jemand einen Code, brechen Sie ab: Es ist Betrug, und ein eingelöster Code lässt sich nicht zurückholen.",
        "Geben Sie einen Code nur über den offiziellen Kundenservice weiter, nie per Telefon, Chat oder E-Mail an jemanden, der Sie kontaktiert hat.",
    ]),
);

/// The cause entry for a cause code.
pub fn cause(key: &str) -> Option<Entry> {
    CAUSES.get(key)
}

/// The rejection entry for a key (`code` or `code.variant`).
pub fn rejection(key: &str) -> Option<&'static RejectionEntry> {
    REJECTIONS.iter().find(|e| e.key == key)
}

/// Labels of the readable support package text, in one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SupportLabels {
    /// Heading, followed by the reference.
    pub heading: &'static str,
    /// "Created", followed by the time and library version.
    pub created: &'static str,
    /// The code as entered (masked unless revealed).
    pub code: &'static str,
    /// The browser's verdict.
    pub result: &'static str,
    /// Status words, in the order of `Status`'s variants: valid, unverifiable, incomplete, invalid.
    pub statuses: [&'static str; 4],
    /// Findings heading.
    pub noticed: &'static str,
    /// Causes heading.
    pub causes: &'static str,
    /// Suggestions heading.
    pub suggestions: &'static str,
    /// Attempts heading.
    pub attempts: &'static str,
    /// No attempts yet.
    pub no_attempts: &'static str,
    /// The server's answer.
    pub server: &'static str,
    /// Order number.
    pub order: &'static str,
    /// Card serial number.
    pub serial: &'static str,
    /// Device (locale, time zone, browser).
    pub device: &'static str,
    /// Closing advice; `{reference}` is filled in.
    pub closing: &'static str,
    /// Quotation marks around a server's message, as the language writes them (the opening one after a space).
    pub quotes: [&'static str; 2],
}

/// Labels in English and German.
pub const SUPPORT_LABELS: (SupportLabels, SupportLabels) = (
    SupportLabels {
        heading: "Support package",
        created: "Created",
        code: "Code entered",
        result: "Check in the browser",
        statuses: ["well-formed", "format only (no check characters)", "incomplete", "not valid as entered"],
        noticed: "What was noticed",
        causes: "Most likely causes",
        suggestions: "Suggested corrections",
        attempts: "What was tried",
        no_attempts: "No redemption attempt yet.",
        server: "server",
        order: "Order number",
        serial: "Card serial number",
        device: "Device",
        closing: "Give customer service the reference {reference} and this package. Keep the code and the card or email: they are the evidence.",
        quotes: [" “", "”"],
    },
    SupportLabels {
        heading: "Support-Paket",
        created: "Erstellt",
        code: "Eingegebener Code",
        result: "Prüfung im Browser",
        statuses: ["formal korrekt", "nur Format geprüft (keine Prüfzeichen)", "unvollständig", "so nicht gültig"],
        noticed: "Festgestellt",
        causes: "Wahrscheinlichste Ursachen",
        suggestions: "Vorgeschlagene Korrekturen",
        attempts: "Bisherige Versuche",
        no_attempts: "Noch kein Einlöseversuch.",
        server: "Server",
        order: "Bestellnummer",
        serial: "Seriennummer der Karte",
        device: "Gerät",
        closing: "Geben Sie dem Kundenservice die Referenz {reference} und dieses Paket. Bewahren Sie Code und Karte oder E-Mail auf: Sie sind der Nachweis.",
        quotes: [" „", "“"],
    },
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Text;

    #[test]
    fn joined_texts_split_into_their_parts() {
        let x = r!("Title", "Message", ["One", "Two"]);
        assert_eq!((x.title(), x.message()), ("Title", "Message"));
        assert_eq!(x.steps().collect::<Vec<_>>(), ["One", "Two"]);
        let bare = r!("Title", "Message", []);
        assert_eq!((bare.title(), bare.message(), bare.steps().count()), ("Title", "Message", 0));
        let none = RejectionText::default();
        assert_eq!((none.title(), none.message(), none.steps().count()), ("", "", 0));
        let t: Text = t!("Message", "Hint");
        assert_eq!((t.message(), t.hint()), ("Message", "Hint"));
        let no_hint: Text = t!("Message", "");
        assert_eq!((no_hint.message(), no_hint.hint()), ("Message", ""));
        assert_eq!((Text::default().message(), Text::default().hint()), ("", ""));
        // Every rejection text of the catalog has a title, a message and at least one step.
        for e in REJECTIONS {
            for x in [e.en, e.de] {
                assert!(!x.title().is_empty() && !x.message().is_empty() && x.steps().count() >= 1, "{}", e.key);
            }
        }
    }
}
