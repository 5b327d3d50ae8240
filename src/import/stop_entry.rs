//! A stop of the inspection as the secretary types it (in the 新建会议 window, or with
//! `delegate-desk new --stop`): project and place, and the time and host when known. Nothing
//! else about a stop is invented; facts, numbers and coordinates are added by hand later.

use crate::i18n::{Lang, tr, trf};
use crate::model::Stop;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct StopEntry {
    pub project: String,
    pub place: String,
    /// As the programme gives it ("下午"); may stay empty.
    pub time: String,
    /// Who receives the delegates; may stay empty.
    pub host: String,
}

impl StopEntry {
    /// What is missing, if anything: a stop needs its project and its place.
    pub fn problem(&self, lang: Lang) -> Option<String> {
        if self.project.trim().is_empty() {
            return Some(tr(lang, "import.stop.no_project").into_owned());
        }
        if self.place.trim().is_empty() {
            return Some(tr(lang, "import.stop.no_place").into_owned());
        }
        None
    }

    pub fn to_stop(&self, id: String) -> Stop {
        let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
        Stop {
            id,
            project: self.project.trim().to_string(),
            place: self.place.trim().to_string(),
            time: opt(&self.time),
            host: opt(&self.host),
            facts: Vec::new(),
            indicators: Vec::new(),
            paragraphs: Vec::new(),
            coords: None,
        }
    }

    /// From `--stop "项目;地点[;时间[;接待单位]]"`. `Err` says what was expected.
    pub fn from_spec(spec: &str, lang: Lang) -> Result<StopEntry, String> {
        let parts: Vec<&str> = spec.split([';', '；']).map(str::trim).collect();
        let field = |i: usize| parts.get(i).map_or(String::new(), |s| s.to_string());
        let e = StopEntry {
            project: field(0),
            place: field(1),
            time: field(2),
            host: field(3),
        };
        match (parts.len() > 4, e.problem(lang)) {
            (false, None) => Ok(e),
            (true, _) => Err(trf(
                lang,
                "import.cli.bad_stop",
                &[("spec", spec), ("why", &tr(lang, "import.cli.stop_fields"))],
            )),
            (false, Some(why)) => Err(trf(
                lang,
                "import.cli.bad_stop",
                &[("spec", spec), ("why", &why)],
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stop_needs_project_and_place_and_keeps_only_what_was_typed() {
        let s = StopEntry::from_spec("污水处理厂；沙口村", Lang::Zh).unwrap();
        let stop = s.to_stop("stop-1".into());
        assert_eq!(
            (stop.project.as_str(), stop.place.as_str()),
            ("污水处理厂", "沙口村")
        );
        assert_eq!((stop.time, stop.host), (None, None));
        let s = StopEntry::from_spec("厂;村;下午;镇经济办", Lang::Zh).unwrap();
        assert_eq!((s.time.as_str(), s.host.as_str()), ("下午", "镇经济办"));
        assert!(StopEntry::from_spec("只有项目", Lang::Zh).is_err());
        assert!(StopEntry::from_spec("a;b;c;d;e", Lang::Zh).is_err());
    }
}
