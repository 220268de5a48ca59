//! The validation report: every problem with file, line and column, in plain Dutch or English.
//!
//! Problems are data (`Msg`), rendered only at the end, so tests check kinds and positions
//! instead of sentences, and one run can print in either language.

use super::csv::column_letter;
use wegwijzer_core::model::CategoryKind;
use wegwijzer_core::validate::ProblemKind;
use std::fmt::Write as _;

/// The two report languages of the tool.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ReportLang {
    #[default]
    Nl,
    En,
}

impl ReportLang {
    pub fn parse(s: &str) -> Option<ReportLang> {
        match s.to_ascii_lowercase().as_str() {
            "nl" => Some(ReportLang::Nl),
            "en" => Some(ReportLang::En),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// Where a problem is. `line` and `column` are absent for whole-file problems and for data that
/// does not come from a CSV row (for example municipalities built from REFNIS).
#[derive(Clone, Debug, PartialEq)]
pub struct Location {
    pub file: String,
    pub line: Option<usize>,
    /// 0-based column index and its header.
    pub column: Option<(usize, String)>,
    /// The record's id, for records that do not come from a CSV row.
    pub record: Option<String>,
}

impl Location {
    pub fn file(file: &str) -> Location {
        Location { file: file.to_string(), line: None, column: None, record: None }
    }

    pub fn line(file: &str, line: usize) -> Location {
        Location { file: file.to_string(), line: Some(line), column: None, record: None }
    }
}

/// What is wrong. Values are quoted as the user wrote them.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    /// The file could not be read at all.
    Unreadable(String),
    UnterminatedQuote,
    EmptyFile,
    NotUtf8,
    MissingColumn(String),
    /// A column the tool does not read; `suggestion` is the nearest column it does read.
    UnknownColumn { column: String, suggestion: Option<String> },
    /// More filled cells than header columns: the row is shifted and not checked further.
    TooManyFields { expected: usize, found: usize, separator: char },
    BadNumber(String),
    BadYear(String),
    BadBool(String),
    /// A period that is neither `YYYY-YYYY` (first ≤ last) nor one year.
    BadPeriodText(String),
    /// A partnership's confidence that is not official, published or derived.
    BadConfidence(String),
    BadCategoryKind(String),
    /// `status` other than active / temporarily_closed / closed.
    BadStatus(String),
    /// `wheelchair` other than yes / limited / no.
    BadWheelchair(String),
    /// Only one of `lat` and `lon` is filled in.
    HalfPoint,
    /// A check of `validate.rs`.
    Record(ProblemKind),
    /// Duplicate id, with the line of the first occurrence when known.
    DuplicateId { id: String, first_line: Option<usize> },
    OutsideFlanders { lat: f64, lon: f64 },
    /// The point lies in another municipality than the one in `nis`.
    PointInOtherMunicipality { nis: String, found: String },
    /// A municipality in two partnerships whose periods overlap.
    TwoPartnerships { nis: String, other: String, other_line: Option<usize> },
    /// A municipality a partnership's source names but the row leaves out (`excluded`) because
    /// `other` (of an overlapping period) has it: the conflict and how it was resolved (warning).
    ExcludedInOther { nis: String, name: String, other: String, other_line: Option<usize> },
    /// An `excluded` municipality that no partnership of the period has (warning).
    ExcludedNowhere { nis: String, name: String },
    /// A code in both `members` and `excluded` of one row.
    ExcludedMember(String),
    /// Not a municipality of the list (`excluded`).
    UnknownMunicipality(String),
    DuplicateCode(String),
    NoPoint,
    Geometry(String),
    GeometryWithoutMunicipality(Vec<String>),
    MunicipalityWithoutGeometry(Vec<String>),
    UnknownCrs,
    BadMergerLine(String),
    MergedPartMissing { into: String, missing: Vec<String> },
    VersionNotHigher { previous: u64, given: u64 },
    PreviousUnreadable(String),
    /// Not a date (`updated_at`): the value as written.
    BadDate(String),
    /// A day/month/year date (`15/01/2026`) read as ISO `read` (warning).
    DayMonthYearDate { raw: String, read: String },
    /// A filled cell the tool would not publish because `needs` is empty.
    NotPublishedWithout { column: String, needs: String },
    /// An unknown category, with the nearest id when one is close.
    UnknownCategory { value: String, suggestion: Option<String> },
    /// An `audience` id that is not a target group (a row of kind `audience` in the categories).
    UnknownAudience { value: String, suggestion: Option<String> },
    /// The file is a workbook or a web page, not a CSV file.
    NotCsv(NotCsv),
    /// A value taken over from a previous publication that holds sample data (warning).
    InheritedFromSample(Inherited),
    FileNotFound,
    PermissionDenied,
    IsAFolder,
    /// The output folder (`--out`) cannot be created or written.
    OutputFolder { folder: String, kind: std::io::ErrorKind, detail: String },
    /// Command line: an option the tool does not have, with the nearest one.
    UnknownOption { given: String, suggestion: Option<String> },
    OptionNeedsValue(String),
    OptionNotANumber { option: String, value: String },
    OptionBadValue { option: String, value: String, accepted: String },
    OutRequired,
}

/// What kind of file a "CSV" file really is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotCsv {
    Xlsx,
    Xls,
    Ods,
    Html,
    Pdf,
}

/// Values a publication takes over from the previous one unless an option overrides them.
#[derive(Clone, Debug, PartialEq)]
pub enum Inherited {
    Publisher(String),
    Sources(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Issue {
    pub severity: Severity,
    pub location: Location,
    pub msg: Msg,
}

/// All problems of one run, in the order found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub issues: Vec<Issue>,
}

impl Report {
    pub fn error(&mut self, location: Location, msg: Msg) {
        self.issues.push(Issue { severity: Severity::Error, location, msg });
    }

    pub fn warning(&mut self, location: Location, msg: Msg) {
        self.issues.push(Issue { severity: Severity::Warning, location, msg });
    }

    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(|i| i.severity == Severity::Error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.severity == Severity::Warning)
    }

    pub fn extend(&mut self, other: Report) {
        self.issues.extend(other.issues);
    }

    /// The report as lines of text, errors first (each group in file and line order), then a
    /// count.
    pub fn render(&self, lang: ReportLang) -> String {
        let mut issues: Vec<&Issue> = self.issues.iter().collect();
        issues.sort_by(|a, b| {
            (a.severity, &a.location.file, a.location.line.unwrap_or(0))
                .cmp(&(b.severity, &b.location.file, b.location.line.unwrap_or(0)))
        });
        let mut out = String::new();
        for issue in issues {
            let _ = writeln!(out, "{}", issue.render(lang));
        }
        let (e, w) = (self.errors().count(), self.warnings().count());
        let _ = match lang {
            ReportLang::Nl => writeln!(out, "{e} fout(en), {w} waarschuwing(en)."),
            ReportLang::En => writeln!(out, "{e} error(s), {w} warning(s)."),
        };
        out
    }
}

impl Issue {
    /// `initiatieven.csv, regel 12, kolom F (email): fout: ...`
    pub fn render(&self, lang: ReportLang) -> String {
        let nl = lang == ReportLang::Nl;
        let mut out = self.location.file.clone();
        if let Some(line) = self.location.line {
            let _ = write!(out, ", {} {line}", if nl { "regel" } else { "line" });
        }
        if let (None, Some(id)) = (self.location.line, &self.location.record) {
            let _ = write!(out, ", id \"{id}\"");
        }
        if let Some((index, name)) = &self.location.column {
            let _ = write!(out, ", {} {} ({name})", if nl { "kolom" } else { "column" }, column_letter(*index));
        }
        let label = match (self.severity, nl) {
            (Severity::Error, true) => "fout",
            (Severity::Error, false) => "error",
            (Severity::Warning, true) => "waarschuwing",
            (Severity::Warning, false) => "warning",
        };
        format!("{out}: {label}: {}", self.msg.text(lang))
    }
}

fn list(codes: &[String]) -> String {
    if codes.len() > 12 {
        format!("{} … (+{})", codes[..12].join(", "), codes.len() - 12)
    } else {
        codes.join(", ")
    }
}

/// "unknown category "x"; did you mean "y"? All categories: ..." with `what` (one, all) in the
/// report's language.
fn unknown_id(value: &str, suggestion: &Option<String>, what: (&str, &str), nl: bool) -> String {
    let hint = suggestion
        .as_ref()
        .map(|s| if nl { format!("; bedoelt u \"{s}\"?") } else { format!("; did you mean \"{s}\"?") })
        .unwrap_or_else(|| ".".into());
    let (one, all) = what;
    match nl {
        true => format!("onbekende {one} \"{value}\"{hint} Alle {all}: publish --list categories"),
        false => format!("unknown {one} \"{value}\"{hint} All {all}: publish --list categories"),
    }
}

fn kind_name(kind: CategoryKind, nl: bool) -> &'static str {
    match (kind, nl) {
        (CategoryKind::InitiativeType, true) => "soort initiatief (initiative_type)",
        (CategoryKind::InitiativeType, false) => "initiative type (initiative_type)",
        (CategoryKind::Service, true) => "dienst (service)",
        (CategoryKind::Service, false) => "service (service)",
    }
}

fn record_text(kind: &ProblemKind, nl: bool) -> String {
    match kind {
        ProblemKind::Unreadable(detail) => if nl { format!("geen geldig record: {detail}") } else { format!("not a valid record: {detail}") },
        ProblemKind::DuplicateId => if nl { "deze id komt meer dan één keer voor".into() } else { "this id occurs more than once".into() },
        ProblemKind::Empty => if nl { "mag niet leeg zijn".into() } else { "must not be empty".into() },
        ProblemKind::UnknownCategory(c) => if nl {
            format!("onbekende categorie \"{c}\" (niet in de categorieënlijst)")
        } else {
            format!("unknown category \"{c}\" (not in the category list)")
        },
        ProblemKind::UnknownAudience(a) => if nl {
            format!("onbekende doelgroep \"{a}\" (geen rij van soort audience in de categorieënlijst)")
        } else {
            format!("unknown target group \"{a}\" (no row of kind audience in the category list)")
        },
        ProblemKind::WrongCategoryKind { id, expected } => if nl {
            format!("categorie \"{id}\" is geen {}", kind_name(*expected, nl))
        } else {
            format!("category \"{id}\" is not a {}", kind_name(*expected, nl))
        },
        ProblemKind::BadNisCode(c) => if nl {
            format!("\"{c}\" is geen NIS-code van vijf cijfers")
        } else {
            format!("\"{c}\" is not a five-digit NIS code")
        },
        ProblemKind::UnknownNisCode(c) => if nl {
            format!("onbekende NIS-code \"{c}\" (geen gemeente in de lijst)")
        } else {
            format!("unknown NIS code \"{c}\" (not a municipality in the list)")
        },
        ProblemKind::BadUrl(u) => if nl {
            format!("\"{u}\" is geen geldig webadres (begin met https://)")
        } else {
            format!("\"{u}\" is not a valid web address (start with https://)")
        },
        ProblemKind::BadEmail(e) => if nl { format!("\"{e}\" is geen geldig e-mailadres") } else { format!("\"{e}\" is not a valid e-mail address") },
        ProblemKind::BadPhone(p) => if nl {
            format!("\"{p}\" is geen geldig telefoonnummer (8 tot 15 cijfers)")
        } else {
            format!("\"{p}\" is not a valid phone number (8 to 15 digits)")
        },
        ProblemKind::PointOutOfRange(lat, lon) => if nl {
            format!("punt ({lat}, {lon}) ligt niet in België: zijn breedte- en lengtegraad omgewisseld of is het Lambert 72?")
        } else {
            format!("point ({lat}, {lon}) is not in Belgium: are latitude and longitude swapped, or is it Lambert 72?")
        },
        ProblemKind::BadPeriod(a, b) => if nl {
            format!("periode {a}-{b} klopt niet (van ≤ tot, vanaf 1990)")
        } else {
            format!("period {a}-{b} is not valid (from ≤ to, from 1990 on)")
        },
        ProblemKind::BadOpeningHours(v, e) => {
            let marked = mark_position(v, e.position);
            if nl {
                format!("openingsuren \"{v}\" onleesbaar bij teken {}: {} ({marked})", e.position, opening_hours_error(&e.kind, nl))
            } else {
                format!("opening hours \"{v}\" unreadable at character {}: {} ({marked})", e.position, opening_hours_error(&e.kind, nl))
            }
        }
        ProblemKind::UnknownLanguage(c) => if nl {
            format!("\"{c}\" is geen taalcode volgens ISO 639-1 (twee kleine letters: nl, fr, en, ar, ...)")
        } else {
            format!("\"{c}\" is not an ISO 639-1 language code (two lower-case letters: nl, fr, en, ar, ...)")
        },
        ProblemKind::BadDate(d) => if nl {
            format!("\"{d}\" is geen datum (JJJJ-MM-DD, bv. 2026-05-14)")
        } else {
            format!("\"{d}\" is not a date (YYYY-MM-DD, e.g. 2026-05-14)")
        },
        ProblemKind::MissingAlert => if nl {
            "status temporarily_closed vraagt een tekst in alert_nl: waarom en tot wanneer".into()
        } else {
            "status temporarily_closed needs text in alert_nl: why and until when".into()
        },
        ProblemKind::FormerMunicipality(c) => if nl {
            format!("\"{c}\" is een voormalige gemeente (gefusioneerd); gebruik de gemeente van vandaag")
        } else {
            format!("\"{c}\" is a former municipality (merged); use today's municipality")
        },
    }
}

/// The value with `»` before the character where reading stopped (1-based; past the end for
/// a value that ends too soon).
fn mark_position(value: &str, position: usize) -> String {
    let at = value.char_indices().nth(position.saturating_sub(1)).map_or(value.len(), |(i, _)| i);
    format!("{}»{}", &value[..at], &value[at..])
}

fn opening_hours_error(kind: &wegwijzer_core::opening_hours::parse::ErrorKind, nl: bool) -> String {
    use wegwijzer_core::opening_hours::parse::ErrorKind as K;
    match (kind, nl) {
        (K::Empty, true) => "lege regel".into(),
        (K::Empty, false) => "empty rule".into(),
        (K::Unexpected { found, expected }, true) if found.is_empty() => format!("de waarde stopt, verwacht: {expected}"),
        (K::Unexpected { found, expected }, false) if found.is_empty() => format!("the value ends; expected {expected}"),
        (K::Unexpected { found, expected }, true) => format!("\"{found}\" waar {expected} verwacht werd"),
        (K::Unexpected { found, expected }, false) => format!("\"{found}\" where {expected} was expected"),
        (K::BadTime(t), true) => format!("\"{t}\" is geen tijd (UU:MM, 00:00-48:00)"),
        (K::BadTime(t), false) => format!("\"{t}\" is not a time (HH:MM, 00:00-48:00)"),
        (K::BadDay(d), true) => format!("\"{d}\" is geen dag van de maand (1-31)"),
        (K::BadDay(d), false) => format!("\"{d}\" is not a day of the month (1-31)"),
        (K::Unsupported(what), true) => format!("niet ondersteund: {what} (zie docs/data-format.md)"),
        (K::Unsupported(what), false) => format!("not supported: {what} (see docs/data-format.md)"),
        (K::UnterminatedComment, true) => "opmerking zonder sluitend '\"'".into(),
        (K::UnterminatedComment, false) => "comment without closing '\"'".into(),
    }
}

fn not_csv_text(kind: NotCsv, nl: bool) -> String {
    let (what_nl, what_en) = match kind {
        NotCsv::Xlsx => ("een Excel-werkmap (.xlsx)", "an Excel workbook (.xlsx)"),
        NotCsv::Xls => ("een oude Excel-werkmap (.xls)", "an old Excel workbook (.xls)"),
        NotCsv::Ods => ("een OpenDocument-rekenblad (.ods)", "an OpenDocument spreadsheet (.ods)"),
        NotCsv::Html => ("een webpagina (HTML)", "a web page (HTML)"),
        NotCsv::Pdf => ("een PDF-document", "a PDF document"),
    };
    if nl {
        format!(
            "dit is {what_nl}, geen CSV-bestand. Open het in uw rekenblad en kies Bestand > Opslaan als > \"CSV UTF-8 (gescheiden door lijstscheidingsteken)\" \
             (LibreOffice: \"Tekst CSV\", tekenset Unicode (UTF-8))"
        )
    } else {
        format!(
            "this is {what_en}, not a CSV file. Open it in your spreadsheet and choose File > Save As > \"CSV UTF-8 (Comma delimited)\" \
             (LibreOffice: \"Text CSV\", character set Unicode (UTF-8))"
        )
    }
}

/// The plain-words message for a file that cannot be read.
pub fn io_msg(error: &std::io::Error) -> Msg {
    match error.kind() {
        std::io::ErrorKind::NotFound => Msg::FileNotFound,
        std::io::ErrorKind::PermissionDenied => Msg::PermissionDenied,
        std::io::ErrorKind::IsADirectory => Msg::IsAFolder,
        _ => Msg::Unreadable(error.to_string()),
    }
}

impl Msg {
    pub fn text(&self, lang: ReportLang) -> String {
        let nl = lang == ReportLang::Nl;
        let t = |a: String, b: String| if nl { a } else { b };
        match self {
            Msg::Unreadable(e) => t(format!("kan het bestand niet lezen: {e}"), format!("cannot read the file: {e}")),
            Msg::UnterminatedQuote => t(
                "een veld met aanhalingstekens wordt niet afgesloten (ontbreekt er een \"?)".into(),
                "a quoted field is never closed (is a \" missing?)".into(),
            ),
            Msg::EmptyFile => t("het bestand heeft geen kopregel".into(), "the file has no header line".into()),
            Msg::NotUtf8 => t(
                "het bestand is geen UTF-8 en werd als Windows-1252 gelezen; bewaar het liefst als \"CSV UTF-8\"".into(),
                "the file is not UTF-8 and was read as Windows-1252; preferably save it as \"CSV UTF-8\"".into(),
            ),
            Msg::MissingColumn(c) => t(format!("verplichte kolom \"{c}\" ontbreekt"), format!("required column \"{c}\" is missing")),
            Msg::UnknownColumn { column, suggestion: Some(s) } => t(
                format!("onbekende kolom \"{column}\" wordt genegeerd; bedoelt u \"{s}\"?"),
                format!("unknown column \"{column}\" is ignored; did you mean \"{s}\"?"),
            ),
            Msg::UnknownColumn { column, suggestion: None } => t(
                format!("onbekende kolom \"{column}\" wordt genegeerd (zie docs/publishing.md voor de kolommen)"),
                format!("unknown column \"{column}\" is ignored (see docs/publishing.md for the columns)"),
            ),
            Msg::TooManyFields { expected, found, separator } => t(
                format!(
                    "{found} velden, maar de kopregel heeft er {expected}: staat er een \"{separator}\" in een cel zonder aanhalingstekens? \
                     Zet zo'n cel tussen \"\" of gebruik spaties; deze regel is verder niet gecontroleerd"
                ),
                format!(
                    "{found} fields, but the header has {expected}: is there a \"{separator}\" in a cell without quotes? \
                     Put such a cell in \"\" or use spaces; this line was not checked further"
                ),
            ),
            Msg::BadNumber(v) => t(format!("\"{v}\" is geen getal"), format!("\"{v}\" is not a number")),
            Msg::BadYear(v) => t(format!("\"{v}\" is geen jaartal"), format!("\"{v}\" is not a year")),
            Msg::BadBool(v) => t(format!("\"{v}\" is geen ja/nee"), format!("\"{v}\" is not yes/no")),
            Msg::BadPeriodText(v) => t(
                format!("\"{v}\" is geen periode (bijvoorbeeld 2020-2025 of 2017)"),
                format!("\"{v}\" is not a period (for example 2020-2025 or 2017)"),
            ),
            Msg::BadConfidence(v) => t(
                format!("\"{v}\" moet official, published of derived zijn"),
                format!("\"{v}\" must be official, published or derived"),
            ),
            Msg::BadCategoryKind(v) => t(
                format!("\"{v}\" moet initiative_type, service of audience zijn"),
                format!("\"{v}\" must be initiative_type, service or audience"),
            ),
            Msg::BadStatus(v) => t(
                format!("\"{v}\" moet leeg, active, temporarily_closed of closed zijn"),
                format!("\"{v}\" must be empty, active, temporarily_closed or closed"),
            ),
            Msg::BadWheelchair(v) => t(
                format!("\"{v}\" moet leeg, yes, limited of no zijn (ja, beperkt, nee)"),
                format!("\"{v}\" must be empty, yes, limited or no"),
            ),
            Msg::HalfPoint => t(
                "vul lat en lon allebei in, of laat ze allebei leeg".into(),
                "fill in both lat and lon, or leave both empty".into(),
            ),
            Msg::Record(kind) => record_text(kind, nl),
            Msg::DuplicateId { id, first_line } => match first_line {
                Some(l) => t(format!("id \"{id}\" staat ook al op regel {l}"), format!("id \"{id}\" is also on line {l}")),
                None => record_text(&ProblemKind::DuplicateId, nl),
            },
            Msg::OutsideFlanders { lat, lon } => t(
                format!("punt ({lat}, {lon}) ligt buiten Vlaanderen"),
                format!("point ({lat}, {lon}) lies outside Flanders"),
            ),
            Msg::PointInOtherMunicipality { nis, found } => t(
                format!("het punt ligt in gemeente {found}, niet in {nis}"),
                format!("the point lies in municipality {found}, not in {nis}"),
            ),
            Msg::TwoPartnerships { nis, other, other_line } => {
                let at = other_line.map(|l| if nl { format!(" (regel {l})") } else { format!(" (line {l})") }).unwrap_or_default();
                t(
                    format!("gemeente {nis} is in dezelfde periode ook lid van \"{other}\"{at}"),
                    format!("municipality {nis} is also a member of \"{other}\"{at} in the same period"),
                )
            }
            Msg::ExcludedInOther { nis, name, other, other_line } => {
                let at = other_line.map(|l| if nl { format!(" (regel {l})") } else { format!(" (line {l})") }).unwrap_or_default();
                t(
                    format!(
                        "gemeente {nis} staat in de bron van \"{name}\" en is lid van \"{other}\"{at}; \
                         \"{name}\" laat haar weg (excluded)"
                    ),
                    format!(
                        "municipality {nis} is named by the source of \"{name}\" and is a member of \"{other}\"{at}; \
                         \"{name}\" leaves it out (excluded)"
                    ),
                )
            }
            Msg::ExcludedNowhere { nis, name } => t(
                format!("gemeente {nis} staat in de bron van \"{name}\" maar is weggelaten (excluded), en geen ander samenwerkingsverband van de periode heeft haar"),
                format!("municipality {nis} is named by the source of \"{name}\" but left out (excluded), and no other partnership of the period has it"),
            ),
            Msg::ExcludedMember(nis) => t(
                format!("gemeente {nis} staat zowel in members als in excluded"),
                format!("municipality {nis} is in both members and excluded"),
            ),
            Msg::UnknownMunicipality(c) => record_text(&ProblemKind::UnknownNisCode(c.clone()), nl),
            Msg::DuplicateCode(c) => t(format!("\"{c}\" staat er twee keer in"), format!("\"{c}\" is listed twice")),
            Msg::NoPoint => t(
                "geen punt (lat, lon): de afstand tot dit initiatief kan niet getoond worden".into(),
                "no point (lat, lon): the distance to this initiative cannot be shown".into(),
            ),
            Msg::Geometry(e) => t(format!("grenzen niet leesbaar: {e}"), format!("boundaries cannot be read: {e}")),
            Msg::GeometryWithoutMunicipality(codes) => t(
                format!("{} grens(en) zonder gemeente in de lijst, weggelaten: {}", codes.len(), list(codes)),
                format!("{} boundary shape(s) without a municipality in the list, left out: {}", codes.len(), list(codes)),
            ),
            Msg::MunicipalityWithoutGeometry(codes) => t(
                format!("{} gemeente(n) zonder grens (alleen in de tabel op de kaart): {}", codes.len(), list(codes)),
                format!("{} municipality(ies) without a boundary (only in the map's table): {}", codes.len(), list(codes)),
            ),
            Msg::UnknownCrs => t(
                "coördinaten zijn geen WGS84 en geen Lambert 72".into(),
                "coordinates are neither WGS84 nor Lambert 72".into(),
            ),
            Msg::BadMergerLine(l) => t(format!("kan deze fusieregel niet lezen: \"{l}\""), format!("cannot read this merger line: \"{l}\"")),
            Msg::MergedPartMissing { into, missing } => t(
                format!("inwonertal van {into} onbekend: geen cijfer voor {}", list(missing)),
                format!("population of {into} unknown: no figure for {}", list(missing)),
            ),
            Msg::VersionNotHigher { previous, given } => t(
                format!("datasetversie {given} is niet hoger dan de vorige ({previous})"),
                format!("dataset version {given} is not higher than the previous one ({previous})"),
            ),
            Msg::PreviousUnreadable(e) => t(
                format!("vorige publicatie niet bruikbaar: {e}"),
                format!("previous publication cannot be used: {e}"),
            ),
            Msg::BadDate(v) => t(
                format!("\"{v}\" is geen datum: schrijf jaar-maand-dag, bv. 2026-01-15"),
                format!("\"{v}\" is not a date: write year-month-day, e.g. 2026-01-15"),
            ),
            Msg::DayMonthYearDate { raw, read } => t(
                format!("\"{raw}\" gelezen als dag/maand/jaar: {read}; schrijf liever {read}"),
                format!("\"{raw}\" read as day/month/year: {read}; preferably write {read}"),
            ),
            Msg::NotPublishedWithout { column, needs } => t(
                format!("\"{column}\" is ingevuld maar wordt alleen gepubliceerd met \"{needs}\", dat leeg is: vul \"{needs}\" in"),
                format!("\"{column}\" is filled in but is only published with \"{needs}\", which is empty: fill in \"{needs}\""),
            ),
            Msg::UnknownCategory { value, suggestion } => {
                unknown_id(value, suggestion, if nl { ("categorie", "categorieën") } else { ("category", "categories") }, nl)
            }
            Msg::UnknownAudience { value, suggestion } => {
                unknown_id(value, suggestion, if nl { ("doelgroep", "doelgroepen") } else { ("target group", "target groups") }, nl)
            }
            Msg::NotCsv(kind) => not_csv_text(*kind, nl),
            Msg::InheritedFromSample(Inherited::Publisher(p)) => t(
                format!("de uitgever \"{p}\" komt uit de vorige publicatie, die voorbeeldgegevens bevat; geef --publisher \"naam van uw organisatie\""),
                format!("the publisher \"{p}\" comes from the previous publication, which holds sample data; give --publisher \"your organisation's name\""),
            ),
            Msg::InheritedFromSample(Inherited::Sources(n)) => t(
                format!("de {n} bron(nen) komen uit de vorige publicatie, die voorbeeldgegevens bevat; geef --sources bronnen.csv met uw eigen bronnen"),
                format!("the {n} source(s) come from the previous publication, which holds sample data; give --sources sources.csv with your own sources"),
            ),
            Msg::FileNotFound => t(
                "bestand niet gevonden: controleer de naam en de map".into(),
                "file not found: check the name and the folder".into(),
            ),
            Msg::PermissionDenied => t(
                "geen toestemming om dit bestand te lezen".into(),
                "no permission to read this file".into(),
            ),
            Msg::IsAFolder => t("dit is een map, geen bestand".into(), "this is a folder, not a file".into()),
            Msg::OutputFolder { folder, kind, detail } => {
                use std::io::ErrorKind as K;
                let why = match kind {
                    K::PermissionDenied => t("geen toestemming om daar te schrijven".into(), "no permission to write there".into()),
                    K::NotADirectory | K::AlreadyExists => {
                        t("een deel van het pad is een bestand, geen map".into(), "part of the path is a file, not a folder".into())
                    }
                    K::ReadOnlyFilesystem => t("de schijf is alleen-lezen".into(), "the disk is read-only".into()),
                    K::StorageFull => t("de schijf is vol".into(), "the disk is full".into()),
                    _ => detail.clone(),
                };
                t(
                    format!("de uitvoermap (--out) \"{folder}\" kan niet gemaakt of beschreven worden: {why}"),
                    format!("the output folder (--out) \"{folder}\" cannot be created or written: {why}"),
                )
            }
            Msg::UnknownOption { given, suggestion } => {
                let hint = suggestion
                    .as_ref()
                    .map(|s| if nl { format!("; bedoelt u {s}?") } else { format!("; did you mean {s}?") })
                    .unwrap_or_default();
                t(
                    format!("onbekende optie \"{given}\"{hint} (publish --help toont alle opties)"),
                    format!("unknown option \"{given}\"{hint} (publish --help lists every option)"),
                )
            }
            Msg::OptionNeedsValue(o) => t(format!("{o} heeft een waarde nodig"), format!("{o} needs a value")),
            Msg::OptionNotANumber { option, value } => {
                t(format!("{option}: \"{value}\" is geen getal"), format!("{option}: \"{value}\" is not a number"))
            }
            Msg::OptionBadValue { option, value, accepted } => t(
                format!("{option}: \"{value}\" kan niet; mogelijk: {accepted}"),
                format!("{option}: \"{value}\" is not possible; accepted: {accepted}"),
            ),
            Msg::OutRequired => t(
                "--out ontbreekt: geef de map waarin de publicatie komt (of --check om alleen te controleren)".into(),
                "--out is missing: give the folder for the publication (or --check to only validate)".into(),
            ),
        }
    }
}
