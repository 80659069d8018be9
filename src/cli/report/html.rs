//! The report as one self-contained HTML page: inline CSS, inline SVG charts drawn here, and a
//! few lines of inline script that sort the story table. Nothing is fetched from anywhere.
//!
//! Sections (each a `<section id>` the tests look for): `summary`, `over-time`, `by-group`,
//! `findings-rate`, `quoted`, `gender` (with `--estimate-gender`), `stories`,
//! `story-findings`, `bad-stories`, `method`. Every chart is an `<svg class="chart">` inside a
//! `<figure data-chart>`, one `<rect class="bar">` per bar.

use std::io::{self, Write};

use super::figures::{Figures, Tally, NO_GROUP};
use super::gender::{Estimate, METHOD};
use super::story::{Row, SpeakerClass};

const WIDTH: u32 = 720;
const LABEL: u32 = 190;
const ROW: u32 = 22;
/// One colour per speaker class, in [`SpeakerClass::ALL`] order; and per gender estimate.
const CLASS_COLOURS: [&str; 5] = ["#2b6cb0", "#c53030", "#dd6b20", "#718096", "#1a202c"];
const GENDER_COLOURS: [&str; 3] = ["#805ad5", "#2c7a7b", "#a0aec0"];

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1a202c}\
h1{margin-bottom:.2rem}section{margin:2.2rem 0}figure{margin:1rem 0}figcaption{font-weight:600;margin-bottom:.3rem}\
table{border-collapse:collapse;font-size:13px}th,td{border-bottom:1px solid #e2e8f0;padding:3px 8px;text-align:right}\
th:first-child,td:first-child,td:last-child{text-align:left}td:nth-child(-n+2){white-space:nowrap}th[data-sort]{cursor:pointer;background:#edf2f7}\
.big{font-size:1.6rem;font-weight:700}.cards{display:flex;gap:2rem;flex-wrap:wrap}.note{color:#4a5568}\
.estimate{border:2px dashed #805ad5;padding:0 1rem 1rem}.label{background:#805ad5;color:#fff;padding:2px 8px;font-weight:700}\
svg text{font:12px system-ui,sans-serif}";

/// Sorts a table by the clicked header; numbers by `data-v`, else by text.
const SCRIPT: &str = "document.querySelectorAll('table.sortable').forEach(function(t){\
t.querySelectorAll('th[data-sort]').forEach(function(th,i){th.addEventListener('click',function(){\
var b=t.tBodies[0],rows=Array.prototype.slice.call(b.rows),asc=th.getAttribute('aria-sort')!=='ascending';\
t.querySelectorAll('th').forEach(function(h){h.removeAttribute('aria-sort');});\
th.setAttribute('aria-sort',asc?'ascending':'descending');\
function key(r){var c=r.cells[i],v=c.getAttribute('data-v');return v===null?c.textContent:parseFloat(v);}\
rows.sort(function(x,y){var a=key(x),c=key(y);var d=(typeof a==='number'&&typeof c==='number')?a-c:String(a).localeCompare(String(c));return asc?d:-d;});\
rows.forEach(function(r){b.appendChild(r);});});});});\
document.body.setAttribute('data-ready','1');";

pub fn render(out: &mut dyn Write, f: &Figures) -> io::Result<()> {
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>copydesk sourcing report</title><style>{STYLE}</style></head><body>\n"
    )?;
    summary(out, f)?;
    over_time(out, f)?;
    by_group(out, f)?;
    findings_rate(out, f)?;
    quoted(out, f)?;
    if f.estimate_gender {
        gender(out, f)?;
    }
    stories(out, &f.stories)?;
    story_findings(out, &f.stories)?;
    bad_stories(out, f)?;
    method(out)?;
    write!(out, "<script>{SCRIPT}</script>\n</body></html>\n")
}

/// Text made safe for HTML content and attribute values.
fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

fn pct(x: Option<f64>) -> String {
    x.map_or("–".to_string(), |x| format!("{:.1}%", x * 100.0))
}

fn summary(out: &mut dyn Write, f: &Figures) -> io::Result<()> {
    let t = &f.totals;
    let unnamed =
        t.quote_share(SpeakerClass::Anonymous).unwrap_or(0.0) + t.quote_share(SpeakerClass::None).unwrap_or(0.0);
    let card = |out: &mut dyn Write, value: String, what: &str| -> io::Result<()> {
        write!(out, "<div><div class=\"big\">{}</div>{}</div>", esc(&value), esc(what))
    };
    write!(
        out,
        "<header><h1>Sourcing report</h1><p class=\"note\">made by copydesk {}; figures as \
         JSON with <code>--format json</code></p></header>\n<section id=\"summary\"><h2>Summary</h2><div class=\"cards\">",
        env!("CARGO_PKG_VERSION")
    )?;
    card(out, t.stories.to_string(), "stories counted")?;
    card(out, t.words.to_string(), "words")?;
    card(out, t.quotes().to_string(), "quotes")?;
    card(
        out,
        pct(super::story::share(t.resting, t.stories)),
        "of stories rest on anonymous sources",
    )?;
    card(
        out,
        pct((t.quotes() > 0).then_some(unnamed)),
        "of quotes have an anonymous speaker or none",
    )?;
    card(out, f.errors.len().to_string(), "stories could not be counted")?;
    writeln!(out, "</div></section>")
}

fn over_time(out: &mut dyn Write, f: &Figures) -> io::Result<()> {
    writeln!(
        out,
        "<section id=\"over-time\"><h2>Over time</h2><p class=\"note\">By month, from each story's \
         <code>date</code> field or the date the story gives itself.</p>"
    )?;
    tally_charts(out, "time", &f.months)?;
    writeln!(out, "</section>")
}

fn by_group(out: &mut dyn Write, f: &Figures) -> io::Result<()> {
    write!(out, "<section id=\"by-group\"><h2>By group</h2>")?;
    match &f.by {
        Some(field) => {
            writeln!(
                out,
                "<p class=\"note\">By the <code>{}</code> field; {} for stories without it.</p>",
                esc(field),
                esc(NO_GROUP)
            )?;
            tally_charts(out, "group", &f.groups)?;
        }
        None => writeln!(
            out,
            "<p class=\"note\">No grouping asked for: run with <code>--by FIELD</code> (a JSON Lines \
             field such as desk, outlet or author).</p>"
        )?,
    }
    writeln!(out, "</section>")
}

/// The two charts of a breakdown: stories resting on anonymous sources, quotes by speaker class.
fn tally_charts(out: &mut dyn Write, key: &str, m: &std::collections::BTreeMap<String, Tally>) -> io::Result<()> {
    let resting: Vec<(String, f64, String)> = m
        .iter()
        .map(|(k, t)| {
            let s = super::story::share(t.resting, t.stories);
            (
                k.clone(),
                s.unwrap_or(0.0),
                format!("{} ({} of {})", pct(s), t.resting, t.stories),
            )
        })
        .collect();
    bar_chart(
        out,
        &format!("resting-{key}"),
        "Share of stories resting on anonymous sources",
        &resting,
        1.0,
    )?;
    let classes: Vec<(String, Vec<u64>)> = m.iter().map(|(k, t)| (k.clone(), t.speakers.to_vec())).collect();
    let names: Vec<&str> = SpeakerClass::ALL.iter().map(|c| c.as_str()).collect();
    stacked_chart(
        out,
        &format!("speakers-{key}"),
        "Share of quotes by speaker class",
        &classes,
        &names,
        &CLASS_COLOURS,
    )
}

fn findings_rate(out: &mut dyn Write, f: &Figures) -> io::Result<()> {
    writeln!(
        out,
        "<section id=\"findings-rate\"><h2>Findings per 1,000 words, by rule</h2>"
    )?;
    let rates: Vec<(String, f64, String)> = f
        .rule_rates()
        .into_iter()
        .map(|(rule, n, rate)| {
            let shown = rate.map_or("–".to_string(), |r| format!("{r:.2} ({n})"));
            (rule, rate.unwrap_or(0.0), shown)
        })
        .collect();
    let max = rates.iter().map(|r| r.1).fold(0.0, f64::max);
    bar_chart(out, "findings-rate", "Findings per 1,000 words", &rates, max)?;
    writeln!(out, "</section>")
}

fn quoted(out: &mut dyn Write, f: &Figures) -> io::Result<()> {
    writeln!(out, "<section id=\"quoted\"><h2>Who gets quoted</h2>")?;
    let names: Vec<&str> = SpeakerClass::ALL.iter().map(|c| c.as_str()).collect();
    let all = vec![("all quotes".to_string(), f.totals.speakers.to_vec())];
    stacked_chart(
        out,
        "speakers-all",
        "Quotes from named people and from anonymous, vague, institutional or no sources",
        &all,
        &names,
        &CLASS_COLOURS,
    )?;
    writeln!(
        out,
        "<table id=\"people\"><thead><tr><th>Person (as the stories name them)</th><th>quotes</th>\
         <th>stories</th></tr></thead><tbody>"
    )?;
    for (name, q, s) in f.top_people() {
        writeln!(out, "<tr><td>{}</td><td>{q}</td><td>{s}</td></tr>", esc(name))?;
    }
    writeln!(
        out,
        "</tbody></table><p class=\"note\">People are matched across stories by the full name \
         the analyzer gives them; two people with one name are counted as one.</p></section>"
    )
}

fn gender(out: &mut dyn Write, f: &Figures) -> io::Result<()> {
    let g = &f.gender;
    writeln!(
        out,
        "<section id=\"gender\" class=\"estimate\"><h2><span class=\"label\">ESTIMATE</span> Gender \
         balance of quoted people</h2>"
    )?;
    let names: Vec<&str> = Estimate::ALL.iter().map(|e| e.as_str()).collect();
    let rows = vec![
        ("quoted people".to_string(), g.people.to_vec()),
        ("their quotes".to_string(), g.quotes.to_vec()),
    ];
    stacked_chart(
        out,
        "gender",
        "Estimated gender of quoted people",
        &rows,
        &names,
        &GENDER_COLOURS,
    )?;
    writeln!(
        out,
        "<p>{} decided by pronouns, {} by names and titles.</p><p class=\"note\" id=\"gender-method\">{}</p></section>",
        g.by_pronouns,
        g.by_names_and_titles,
        esc(METHOD)
    )
}

const COLUMNS: [&str; 14] = [
    "story",
    "date",
    "group",
    "words",
    "quotes",
    "named sources",
    "anonymous sources",
    "vague sources",
    "institution sources",
    "anonymous or no speaker",
    "anonymity reasons",
    "rests on anonymous",
    "findings",
    "findings by rule",
];

fn stories(out: &mut dyn Write, rows: &[Row]) -> io::Result<()> {
    write!(
        out,
        "<section id=\"stories\"><h2>Stories</h2><p class=\"note\">Click a heading to sort.</p>\
         <table class=\"sortable\" id=\"story-table\"><thead><tr>"
    )?;
    for c in COLUMNS {
        write!(out, "<th data-sort>{c}</th>")?;
    }
    writeln!(out, "</tr></thead><tbody>")?;
    for (i, r) in rows.iter().enumerate() {
        let id = esc(&super::id_label(&r.id));
        let id_cell = if r.findings > 0 {
            format!("<a href=\"#story-{i}\">{id}</a>")
        } else {
            id
        };
        let num = |n: u64| format!("<td data-v=\"{n}\">{n}</td>");
        let share = r
            .unnamed_quote_share
            .map_or("<td data-v=\"-1\">–</td>".to_string(), |s| {
                format!("<td data-v=\"{s}\">{}</td>", pct(Some(s)))
            });
        let rules: Vec<String> = r.findings_by_rule.0.iter().map(|(k, n)| format!("{k} {n}")).collect();
        writeln!(
            out,
            "<tr><td>{id_cell}</td><td>{}</td><td>{}</td>{}{}{}{}{}{}{share}{}<td>{}</td>{}<td>{}</td></tr>",
            esc(r.date.as_deref().unwrap_or("")),
            esc(r.group.as_deref().unwrap_or("")),
            num(r.words),
            num(r.quotes),
            num(r.sources_named),
            num(r.sources_anonymous),
            num(r.sources_vague),
            num(r.sources_institution),
            num(r.anonymity_reasons),
            if r.rests_on_anonymous { "yes" } else { "no" },
            num(r.findings),
            esc(&rules.join(", ")),
        )?;
    }
    writeln!(out, "</tbody></table></section>")
}

fn story_findings(out: &mut dyn Write, rows: &[Row]) -> io::Result<()> {
    writeln!(
        out,
        "<section id=\"story-findings\"><h2>Findings by story</h2><p class=\"note\">The first \
         findings of each story; <code>copydesk check</code> on the story lists them all.</p>"
    )?;
    for (i, r) in rows.iter().enumerate().filter(|(_, r)| r.findings > 0) {
        write!(
            out,
            "<div id=\"story-{i}\"><h3>{}</h3><ul>",
            esc(&super::id_label(&r.id))
        )?;
        for n in &r.notes {
            write!(out, "<li><code>{}</code> {}</li>", esc(&n.rule), esc(&n.message))?;
        }
        if r.findings > r.notes.len() as u64 {
            write!(out, "<li>and {} more</li>", r.findings - r.notes.len() as u64)?;
        }
        writeln!(out, "</ul></div>")?;
    }
    writeln!(out, "</section>")
}

fn bad_stories(out: &mut dyn Write, f: &Figures) -> io::Result<()> {
    writeln!(
        out,
        "<section id=\"bad-stories\"><h2>Stories not counted</h2><p>{} stories could not be counted; \
         the figures above leave them out.</p><ul>",
        f.errors.len()
    )?;
    for e in &f.errors {
        writeln!(
            out,
            "<li><strong>{}</strong>: {}</li>",
            esc(&super::id_label(&e.id)),
            esc(&e.error)
        )?;
    }
    writeln!(out, "</ul></section>")
}

fn method(out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<section id=\"method\"><h2>How the figures are made</h2><ul>\
         <li>Every story is read by the same analyzer as <code>copydesk check</code> and \
         <code>copydesk analyze</code>; it makes mistakes, so read the figures as estimates.</li>\
         <li><em>Quotes</em> are reported speech; titles, nicknames and scare quotes are not counted.</li>\
         <li>A quote's speaker class: <em>named</em> (a named person, or a pronoun standing for one), \
         <em>anonymous</em>, <em>vague</em> (critics, experts), <em>institution</em> (an organisation \
         or a document), or <em>none</em>.</li>\
         <li>A story <em>rests on anonymous sources</em> when it has at least one anonymous \
         attribution and anonymous and vague attributions are at least half of all.</li>\
         <li><em>Anonymity reasons</em> count anonymous or vague attributions that say why the \
         source was not named.</li>\
         <li><em>Words</em> are whitespace-separated pieces with a letter or digit.</li></ul></section>"
    )
}

/// A horizontal bar chart: `(label, value, shown text)`, bars scaled to `max`.
fn bar_chart(out: &mut dyn Write, id: &str, title: &str, items: &[(String, f64, String)], max: f64) -> io::Result<()> {
    let height = ROW * items.len().max(1) as u32 + 10;
    let span = f64::from(WIDTH - LABEL - 120);
    write!(
        out,
        "<figure data-chart=\"{id}\"><figcaption>{t}</figcaption><svg class=\"chart\" role=\"img\" \
         xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\">\
         <title>{t}</title>",
        t = esc(title)
    )?;
    if items.is_empty() {
        write!(out, "<text x=\"4\" y=\"16\">no stories</text>")?;
    }
    for (i, (label, value, shown)) in items.iter().enumerate() {
        let y = ROW * i as u32 + 4;
        let w = if max > 0.0 { (value / max * span).max(0.0) } else { 0.0 };
        write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\
             <rect class=\"bar\" x=\"{LABEL}\" y=\"{y}\" width=\"{w:.1}\" height=\"{}\" fill=\"#2b6cb0\"><title>{}: {}</title></rect>\
             <text x=\"{:.1}\" y=\"{}\">{}</text>",
            LABEL - 6,
            y + 14,
            esc(label),
            ROW - 6,
            esc(label),
            esc(shown),
            f64::from(LABEL) + w + 4.0,
            y + 14,
            esc(shown)
        )?;
    }
    writeln!(out, "</svg></figure>")
}

/// Horizontal 100% stacked bars: one per `(label, counts)`, one segment per named part.
fn stacked_chart(
    out: &mut dyn Write,
    id: &str,
    title: &str,
    items: &[(String, Vec<u64>)],
    parts: &[&str],
    colours: &[&str],
) -> io::Result<()> {
    let legend = 22;
    let height = legend + ROW * items.len().max(1) as u32 + 10;
    let span = f64::from(WIDTH - LABEL - 20);
    write!(
        out,
        "<figure data-chart=\"{id}\"><figcaption>{t}</figcaption><svg class=\"chart\" role=\"img\" \
         xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\">\
         <title>{t}</title>",
        t = esc(title)
    )?;
    for (i, (part, colour)) in parts.iter().zip(colours).enumerate() {
        let x = LABEL + 110 * i as u32;
        write!(
            out,
            "<rect x=\"{x}\" y=\"4\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"{}\" y=\"15\">{}</text>",
            x + 16,
            esc(part)
        )?;
    }
    if items.is_empty() {
        write!(out, "<text x=\"4\" y=\"{}\">no stories</text>", legend + 16)?;
    }
    for (i, (label, counts)) in items.iter().enumerate() {
        let y = legend + ROW * i as u32 + 4;
        let total: u64 = counts.iter().sum();
        write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{} ({total})</text>",
            LABEL - 6,
            y + 14,
            esc(label)
        )?;
        let mut x = f64::from(LABEL);
        for ((n, part), colour) in counts.iter().zip(parts).zip(colours) {
            let w = if total > 0 {
                *n as f64 / total as f64 * span
            } else {
                0.0
            };
            write!(
                out,
                "<rect class=\"bar\" x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"{}\" fill=\"{colour}\">\
                 <title>{}: {} {n} ({})</title></rect>",
                ROW - 6,
                esc(label),
                esc(part),
                pct(super::story::share(*n, total))
            )?;
            x += w;
        }
    }
    writeln!(out, "</svg></figure>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<a href=\"x\">Tom & 'Jo'</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jo&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn renders_every_section_for_empty_figures() {
        let mut f = Figures::new(Some("desk".into()), true);
        f.fail(serde_json::json!("bad-1"), "missing \"text\"".into());
        let mut out = Vec::new();
        render(&mut out, &f).unwrap();
        let html = String::from_utf8(out).unwrap();
        for id in [
            "summary",
            "over-time",
            "by-group",
            "findings-rate",
            "quoted",
            "gender",
            "stories",
            "story-findings",
            "bad-stories",
            "method",
        ] {
            assert!(html.contains(&format!("<section id=\"{id}\"")), "{id}");
        }
        assert!(html.contains("bad-1"));
    }
}
