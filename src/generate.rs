//! Synthetic sessions, journals and notes for measuring the app at scale. No UI here.
//!
//! Everything is a pure function of [`Params`] (and its seed): the same parameters give
//! byte-identical files, so a benchmark or a bug report can name a fixture by its command
//! line instead of shipping it. The text is Chinese-looking report prose built from a fixed
//! list of phrases whose characters all exist in the bundled font; the session passes every
//! check of `delegate-desk check` (unique ids, valid references, rates consistent with their
//! parts).

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::journal::{Action, Choice, FORMAT, GENESIS, Mark, Record, fingerprint};
use crate::model::{
    AgendaItem, AgendaKind, Congress, Delegate, Document, DocumentKind, Group, Indicator,
    IndicatorKind, Motion, Parts, Qualifier, Section, Session, Stop, Threshold, VotingMethod,
};
use crate::notes::{Note, NoteKind, NotesFile, StopState, Target};

/// How big a session to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Params {
    pub delegates: u32,
    pub groups: u32,
    pub sections: u32,
    pub indicators: u32,
    pub motions: u32,
    pub stops: u32,
    /// Notes to write (0: none).
    pub notes: u32,
    pub seed: u64,
}

impl Params {
    /// The National People's Congress: 2,977 delegates in 35 delegations, a report of about
    /// 600,000 characters, 300 indicators, 60 roll-call motions (≈180,000 vote records), 12
    /// stops and 5,000 notes.
    pub const NATIONAL: Params = Params {
        delegates: 2977,
        groups: 35,
        sections: 300,
        indicators: 300,
        motions: 60,
        stops: 12,
        notes: 5000,
        seed: 1,
    };

    /// About the size of a town congress (the Jiujiang sitting has 107 seats).
    pub const TOWN: Params = Params {
        delegates: 107,
        groups: 6,
        sections: 20,
        indicators: 40,
        motions: 3,
        stops: 4,
        notes: 50,
        seed: 1,
    };
}

/// Paragraphs per section; with [`PARAGRAPH_CHARS`] a section is about 2,000 characters.
const PARAGRAPHS_PER_SECTION: usize = 10;
/// Target length of a paragraph in characters (a real report paragraph is 100–300).
const PARAGRAPH_CHARS: usize = 200;

/// splitmix64: tiny, fast, and good enough to vary synthetic text; not for anything secret.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when n is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// One word from a phrase list.
    pub fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }

    /// True with probability `num / den`.
    pub fn chance(&mut self, num: u64, den: u64) -> bool {
        self.next_u64() % den < num
    }
}

// ---- the phrase book: every character here must exist in the bundled font (tested) ----

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
    "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏",
    "欧阳", "司马", "上官",
];

const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "英", "华", "慧", "建", "国", "平", "红", "霞", "刚", "桂", "兰", "文", "辉", "玲",
    "志", "海", "宁", "亮", "斌", "云", "飞", "鹏", "春", "梅", "玉", "林", "凤", "晨", "雪", "峰",
    "荣", "东", "波", "德", "昊", "宇", "婷", "琳", "浩", "博", "嘉", "欣", "堃", "喆", "昇", "钊",
];

/// 34 provincial-level delegations and the armed forces: 35, as at the NPC.
const DELEGATIONS: &[&str] = &[
    "北京市",
    "天津市",
    "河北省",
    "山西省",
    "内蒙古自治区",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "上海市",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "广西壮族自治区",
    "海南省",
    "重庆市",
    "四川省",
    "贵州省",
    "云南省",
    "西藏自治区",
    "陕西省",
    "甘肃省",
    "青海省",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
    "香港特别行政区",
    "澳门特别行政区",
    "台湾省",
    "中国人民解放军和中国人民武装警察部队",
];

const ROLES: &[&str] = &[
    "主席团成员",
    "村党委书记",
    "企业负责人",
    "中学教师",
    "社区工作者",
    "医院院长",
    "农业合作社理事长",
    "科研人员",
    "律师",
    "工程师",
];

const OPENERS: &[&str] = &[
    "过去一年，",
    "一年来，",
    "今年以来，",
    "我们",
    "各地区各部门",
    "全市上下",
    "下阶段，",
    "同时，",
    "此外，",
    "围绕中心工作，",
    "按照年初确定的目标，",
    "在各方面共同努力下，",
];

const VERBS: &[&str] = &[
    "坚持",
    "推进",
    "加快",
    "深化",
    "完善",
    "强化",
    "统筹",
    "落实",
    "提升",
    "扎实推进",
    "积极推进",
    "稳步推进",
    "着力加强",
    "大力发展",
    "持续优化",
    "全面落实",
];

const OBJECTS: &[&str] = &[
    "产业结构优化升级",
    "城乡区域协调发展",
    "科技创新能力建设",
    "营商环境",
    "基础设施建设",
    "生态环境保护",
    "基层社会治理",
    "民生保障工作",
    "教育医疗资源配置",
    "乡村振兴战略",
    "财政预算绩效管理",
    "安全生产责任制",
    "河长责任制",
    "公共文化服务体系",
    "就业创业服务",
    "养老托育服务",
    "重点项目建设",
    "招商引资工作",
    "土地整备和储备",
    "城市更新改造",
    "依法行政",
    "政务服务效能",
    "审计发现问题整改",
    "人大代表建议办理",
];

const RESULTS: &[&str] = &[
    "取得明显成效",
    "迈出坚实步伐",
    "进展顺利",
    "成效显著",
    "稳步提升",
    "不断完善",
    "持续向好",
    "取得新突破",
    "得到有效解决",
    "群众获得感不断增强",
    "各项任务按计划推进",
    "发展基础进一步夯实",
];

const TAILS: &[&str] = &[
    "为经济社会高质量发展提供了有力支撑",
    "切实把各项工作落到实处",
    "努力让人民群众满意",
    "确保各项目标任务全面完成",
    "形成了一批可复制可推广的经验",
    "推动各项事业再上新台阶",
    "营造了良好的发展环境",
];

const SECTION_TITLES: &[&str] = &[
    "产业发展动能增强",
    "城市品质明显改善",
    "生态环境持续向好",
    "基层治理和谐稳定",
    "民生事业加快发展",
    "改革开放不断深化",
    "科技创新成果丰硕",
    "乡村振兴全面推进",
    "财政运行总体平稳",
    "政府自身建设加强",
    "文化事业繁荣发展",
    "社会保障更加有力",
];

const PART_TITLES: &[&str] = &[
    "过去一年工作回顾",
    "今年工作总体要求和主要目标",
    "今年政府工作任务",
    "加强政府自身建设",
];

const DOC_TITLES: &[(&str, DocumentKind, &str)] = &[
    ("政府工作报告", DocumentKind::Report, "政府工作报告"),
    (
        "关于国民经济和社会发展计划执行情况的报告",
        DocumentKind::Report,
        "计划报告",
    ),
    ("关于预算执行情况的报告", DocumentKind::Report, "预算报告"),
    ("常务委员会工作报告", DocumentKind::Report, "常委会工作报告"),
];

const CATEGORIES: &[&str] = &["经济", "城市", "生态", "民生", "治理", "科技"];

const AMOUNT_NAMES: &[&str] = &[
    "地区生产总值",
    "工业总产值",
    "固定资产投资",
    "一般公共预算收入",
    "社会消费品零售总额",
    "进出口总额",
    "研发经费投入",
    "民生支出",
    "新增绿化面积",
    "新增储备用地",
];

const COUNT_NAMES: &[&str] = &[
    "新增就业人数",
    "新建学校",
    "改造老旧小区",
    "高新技术企业",
    "新开工重点项目",
    "建成公园",
    "收集群众意见",
    "办结代表建议",
];

const PLACES: &[&str] = &[
    "高新区",
    "临港产业园",
    "老城区",
    "滨江新区",
    "经济开发区",
    "北部片区",
    "南部新城",
    "东湖街道",
];

const PROJECTS: &[&str] = &[
    "智能制造产业园",
    "污水处理厂提标改造工程",
    "综合医院新院区",
    "城市更新示范片区",
    "湿地公园",
    "职业教育实训基地",
    "社区养老服务中心",
    "轨道交通站点综合开发",
    "数字政务服务中心",
    "农产品冷链物流中心",
];

const NOTE_TEXTS: &[&str] = &[
    "这个数字与去年相比变化较大，原因是什么？",
    "建议补充具体的时间表和责任单位。",
    "赞同，这项工作群众反映很好。",
    "需要关注资金来源和使用效益。",
    "请说明完成率的计算口径。",
    "建议加强对基层的督促检查。",
    "视察时请询问项目进度和存在的困难。",
    "此处表述可以更具体一些。",
];

fn name(rng: &mut Rng) -> String {
    let mut n = rng.word(SURNAMES).to_string();
    n.push_str(rng.word(GIVEN));
    if rng.chance(2, 3) {
        n.push_str(rng.word(GIVEN));
    }
    n
}

/// One sentence of report prose, about 25–45 characters.
fn sentence(rng: &mut Rng) -> String {
    let mut s = String::new();
    if rng.chance(1, 2) {
        s.push_str(rng.word(OPENERS));
    }
    s.push_str(rng.word(VERBS));
    s.push_str(rng.word(OBJECTS));
    s.push('，');
    if rng.chance(1, 3) {
        let n = rng.range(2, 980);
        s.push_str(&format!("完成项目{n}个，"));
    }
    s.push_str(rng.word(RESULTS));
    if rng.chance(1, 2) {
        s.push('，');
        s.push_str(rng.word(TAILS));
    }
    s.push('。');
    s
}

fn paragraph(rng: &mut Rng, extra: &[String]) -> String {
    let mut p = String::new();
    let mut chars = 0;
    let target = PARAGRAPH_CHARS / 2 + rng.below(PARAGRAPH_CHARS);
    let mut extra = extra.iter();
    while chars < target {
        let s = match extra.next() {
            Some(e) => e.clone(),
            None => sentence(rng),
        };
        chars += s.chars().count();
        p.push_str(&s);
    }
    // Sentences about indicators that did not fit the length still belong here.
    for e in extra {
        p.push_str(e);
    }
    p
}

/// A value with one decimal, as reports print amounts ("189.3").
fn one_decimal(rng: &mut Rng, lo: u64, hi: u64) -> f64 {
    rng.range(lo * 10, hi * 10) as f64 / 10.0
}

fn fmt_value(v: f64) -> String {
    crate::model::validate::fmt_num(v)
}

/// Builds a session. Every id is unique, every reference resolves, and every rate agrees
/// with its parts, so the result passes `check`.
pub fn session(p: &Params) -> Session {
    let mut rng = Rng::new(p.seed);
    let delegates = p.delegates.max(1);

    let groups: Vec<Group> = (0..p.groups)
        .map(|i| {
            let name = match DELEGATIONS.get(i as usize) {
                Some(d) => format!("{d}代表团"),
                None => format!("第{}代表小组", i + 1),
            };
            Group {
                id: format!("g{:02}", i + 1),
                name,
            }
        })
        .collect();

    let roster: Vec<Delegate> = (0..delegates)
        .map(|i| {
            let group = if groups.is_empty() {
                None
            } else {
                // Contiguous blocks, as a roster lists delegates by delegation.
                let g = (i as usize * groups.len()) / delegates as usize;
                Some(groups[g].id.clone())
            };
            let mut roles = Vec::new();
            if rng.chance(1, 8) {
                roles.push(rng.word(ROLES).to_string());
            }
            Delegate {
                id: format!("d{:04}", i + 1),
                name: Some(name(&mut rng)),
                group,
                roles,
                placeholder: false,
            }
        })
        .collect();

    // Sections are spread over the documents: the work report gets half, the rest share.
    let n_sections = p.sections.max(1) as usize;
    let n_docs = DOC_TITLES.len().min(n_sections);
    let mut doc_sections: Vec<usize> = vec![0; n_docs];
    for i in 0..n_sections {
        let d = if i < n_sections.div_ceil(2) || n_docs == 1 {
            0
        } else {
            1 + (i % (n_docs - 1))
        };
        doc_sections[d] += 1;
    }
    // Ids of every paragraph, in order, to point indicators and stops at.
    let mut section_ids: Vec<String> = Vec::new();
    for i in 0..n_sections {
        section_ids.push(format!("s{:03}", i + 1));
    }

    // Indicators first, so the paragraphs they come from can state them.
    let n_ind = p.indicators as usize;
    let mut indicators: Vec<Indicator> = Vec::with_capacity(n_ind);
    let mut statements: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let year = 2024;
    let mut i = 0;
    while i < n_ind {
        let category = rng.word(CATEGORIES).to_string();
        let section = &section_ids[rng.below(section_ids.len())];
        let source = format!("{section}.{}", 1 + rng.below(PARAGRAPHS_PER_SECTION));
        let period = Some(format!("{year}年"));
        // Every fourth slot (with room for three) is a rate with its two counts.
        if i % 4 == 3 && i + 3 <= n_ind {
            let base = rng.word(COUNT_NAMES);
            let whole = rng.range(100, 20_000);
            let part = rng.range(whole / 2, whole);
            let rate = ((part as f64 / whole as f64) * 1000.0).round() / 10.0;
            let ids = [
                format!("i{:03}", i + 1),
                format!("i{:03}", i + 2),
                format!("i{:03}", i + 3),
            ];
            let names = [
                format!("{base}总数"),
                format!("{base}办结数"),
                format!("{base}办结率"),
            ];
            statements.entry(source.clone()).or_default().push(format!(
                "{}{whole}件，{}{part}件，{}{}%。",
                names[0],
                names[1],
                names[2],
                fmt_value(rate)
            ));
            for (k, (kind, value, unit)) in [
                (IndicatorKind::Count, whole as f64, "件"),
                (IndicatorKind::Count, part as f64, "件"),
                (IndicatorKind::Rate, rate, "%"),
            ]
            .into_iter()
            .enumerate()
            {
                indicators.push(Indicator {
                    id: ids[k].clone(),
                    name: names[k].clone(),
                    category: category.clone(),
                    kind,
                    value,
                    unit: unit.to_string(),
                    qualifier: None,
                    period: period.clone(),
                    yoy: None,
                    parts: (kind == IndicatorKind::Rate).then(|| Parts {
                        part: ids[1].clone(),
                        whole: ids[0].clone(),
                    }),
                    source: Some(source.clone()),
                    target: false,
                    basis: None,
                });
            }
            i += 3;
            continue;
        }
        let id = format!("i{:03}", i + 1);
        let (kind, name, value, unit) = if rng.chance(2, 3) {
            let n = rng.word(AMOUNT_NAMES);
            (
                IndicatorKind::Amount,
                n.to_string(),
                one_decimal(&mut rng, 1, 5000),
                "亿元",
            )
        } else {
            let n = rng.word(COUNT_NAMES);
            (
                IndicatorKind::Count,
                n.to_string(),
                rng.range(1, 50_000) as f64,
                "个",
            )
        };
        let yoy = rng
            .chance(3, 4)
            .then(|| rng.range(0, 400) as f64 / 10.0 - 10.0);
        let qualifier = match rng.below(8) {
            0 => Some(Qualifier::About),
            1 => Some(Qualifier::Nearly),
            2 => Some(Qualifier::MoreThan),
            _ => None,
        };
        let q = match qualifier {
            Some(Qualifier::About) => "约",
            Some(Qualifier::Nearly) => "近",
            Some(Qualifier::MoreThan) => "超",
            None => "",
        };
        let mut st = format!("全年{name}{q}{}{unit}", fmt_value(value));
        if let Some(y) = yoy {
            if y >= 0.0 {
                st.push_str(&format!("，同比增长{}%", fmt_value(y)));
            } else {
                st.push_str(&format!("，同比下降{}%", fmt_value(-y)));
            }
        }
        st.push('。');
        statements.entry(source.clone()).or_default().push(st);
        indicators.push(Indicator {
            id,
            name,
            category,
            kind,
            value,
            unit: unit.to_string(),
            qualifier,
            period,
            yoy,
            parts: None,
            source: Some(source),
            target: false,
            basis: None,
        });
        i += 1;
    }

    let mut documents: Vec<Document> = Vec::with_capacity(n_docs);
    let mut next_section = 0;
    for (d, count) in doc_sections.iter().enumerate() {
        let (title, kind, _) = DOC_TITLES[d];
        let mut sections = Vec::with_capacity(*count);
        for k in 0..*count {
            let id = section_ids[next_section].clone();
            next_section += 1;
            // A part heading every tenth section, sections inside it otherwise.
            let (level, title) = if k % 10 == 0 {
                let part = PART_TITLES[(k / 10) % PART_TITLES.len()];
                (1, format!("{}、{part}", chinese_ordinal(k / 10 + 1)))
            } else {
                (2, format!("（{}）{}", k % 10, rng.word(SECTION_TITLES)))
            };
            let paragraphs = (0..PARAGRAPHS_PER_SECTION)
                .map(|n| {
                    let pid = format!("{id}.{}", n + 1);
                    let extra = statements.remove(&pid).unwrap_or_default();
                    paragraph(&mut rng, &extra)
                })
                .collect();
            sections.push(Section {
                id,
                title,
                level,
                paragraphs,
            });
        }
        let speaker = format!("{}作报告", name(&mut rng));
        documents.push(Document {
            id: format!("doc{}", d + 1),
            title: title.to_string(),
            kind,
            speaker: Some(speaker),
            sections,
        });
    }

    let motions: Vec<Motion> = (0..p.motions)
        .map(|m| {
            let doc = &documents[m as usize % documents.len()];
            let short = DOC_TITLES[m as usize % documents.len()].2;
            let title = if (m as usize) < documents.len() {
                format!("关于{short}的决议（草案）")
            } else {
                format!("关于加强{}的决定（草案）", rng.word(OBJECTS))
            };
            Motion {
                id: format!("m{:02}", m + 1),
                title,
                method: VotingMethod::RollCall,
                rule: Threshold::default_majority(),
                document: ((m as usize) < documents.len()).then(|| doc.id.clone()),
                outcome: None,
            }
        })
        .collect();

    let itinerary: Vec<Stop> = (0..p.stops)
        .map(|k| {
            let sec = &section_ids[rng.below(section_ids.len())];
            let paragraphs = vec![format!("{sec}.{}", 1 + rng.below(PARAGRAPHS_PER_SECTION))];
            let n_inds = if indicators.is_empty() {
                0
            } else {
                rng.below(4)
            };
            let inds: Vec<String> = (0..n_inds)
                .map(|_| indicators[rng.below(indicators.len())].id.clone())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let facts = (0..2 + rng.below(3)).map(|_| sentence(&mut rng)).collect();
            Stop {
                id: format!("stop{:02}", k + 1),
                project: rng.word(PROJECTS).to_string(),
                place: rng.word(PLACES).to_string(),
                time: Some(if k % 2 == 0 { "上午" } else { "下午" }.to_string()),
                host: Some(format!("项目负责人 {}", name(&mut rng))),
                facts,
                indicators: inds,
                paragraphs,
                coords: Some((
                    100.0 + rng.below(20_000) as f64 / 1000.0,
                    22.0 + rng.below(18_000) as f64 / 1000.0,
                )),
            }
        })
        .collect();

    let mut agenda = vec![AgendaItem {
        time: Some("上午".to_string()),
        title: "大会开幕".to_string(),
        kind: AgendaKind::Procedure,
        presenter: None,
        document: None,
        motion: None,
    }];
    for doc in &documents {
        agenda.push(AgendaItem {
            time: None,
            title: format!("听取和审议{}", doc.title),
            kind: AgendaKind::Report,
            presenter: doc.speaker.clone(),
            document: Some(doc.id.clone()),
            motion: None,
        });
    }
    if !itinerary.is_empty() {
        agenda.push(AgendaItem {
            time: Some("下午".to_string()),
            title: "代表视察重点项目".to_string(),
            kind: AgendaKind::Inspection,
            presenter: None,
            document: None,
            motion: None,
        });
    }
    for m in &motions {
        agenda.push(AgendaItem {
            time: None,
            title: format!("表决{}", m.title),
            kind: AgendaKind::Vote,
            presenter: None,
            document: None,
            motion: Some(m.id.clone()),
        });
    }
    agenda.push(AgendaItem {
        time: None,
        title: "大会闭幕".to_string(),
        kind: AgendaKind::Procedure,
        presenter: None,
        document: None,
        motion: None,
    });

    Session {
        id: format!("generated-{}-{}", p.seed, delegates),
        congress: Congress {
            name: "示例市人民代表大会".to_string(),
            title: format!(
                "示例市第十四届人民代表大会第{}次会议",
                chinese_ordinal(1 + (p.seed % 5) as usize)
            ),
            term: 14,
            session: 1 + (p.seed % 5) as u32,
            town: "示例市".to_string(),
            date: "2024-03-05".to_string(),
            venue: Some("示例市人民大会堂".to_string()),
            presiding_body: Some("大会主席团".to_string()),
            source: Some(format!(
                "合成数据：delegate-desk generate，种子 {}，代表 {delegates} 名",
                p.seed
            )),
        },
        seats: delegates,
        quorum: Threshold::default_quorum(),
        roster,
        fill_roster_with_placeholders: false,
        groups,
        agenda,
        documents,
        indicators,
        motions,
        itinerary,
        index: Default::default(),
    }
}

fn chinese_ordinal(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => "〇".to_string(),
        1..=9 => DIGITS[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[n % 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    }
}

/// The session as a RON file, with a header comment saying how it was made.
pub fn session_ron(s: &Session, p: &Params) -> Result<String, ron::Error> {
    let body = ron::ser::to_string_pretty(s, ron::ser::PrettyConfig::default())?;
    Ok(format!(
        "// Synthetic session made by `delegate-desk generate` (seed {}): {} delegates, {} \
         groups, {} sections, {} indicators, {} motions, {} stops. Not real data.\n{body}\n",
        p.seed, p.delegates, p.groups, p.sections, p.indicators, p.motions, p.stops
    ))
}

/// Journal times: the sitting's date at 01:00 UTC (09:00 in Beijing), one record every
/// 200 ms, so the file is deterministic and times still go forward.
fn journal_time(start: DateTime<Utc>, n: u64) -> String {
    (start + Duration::milliseconds(200 * n as i64))
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn session_start(s: &Session) -> DateTime<Utc> {
    NaiveDate::parse_from_str(&s.congress.date, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(1, 0, 0))
        .map(|t| t.and_utc())
        .unwrap_or_default()
}

/// The records of a full sitting: header, everyone present (one attendance record per
/// delegation), then for every roll-call motion: open, one vote per present delegate, close.
/// Mostly yes, with some no and abstain, so every motion passes with a real spread.
pub fn journal_records(s: &Session, seed: u64) -> Vec<Record> {
    let mut rng = Rng::new(seed ^ 0x6A09_E667_F3BC_C908);
    let start = session_start(s);
    let secretary = "秘书处".to_string();
    let mut out: Vec<Record> = Vec::new();
    let push = |out: &mut Vec<Record>, action: Action| {
        let seq = out.len() as u64;
        let prev = out.last().map_or(GENESIS, |r| r.hash);
        out.push(Record::new(
            seq,
            journal_time(start, seq),
            secretary.clone(),
            action,
            prev,
        ));
    };
    push(
        &mut out,
        Action::Begin {
            session: s.id.clone(),
            fingerprint: fingerprint(s),
            format: FORMAT,
        },
    );
    // Attendance by delegation, in roster order; delegates without a group come last.
    let mut by_group: BTreeMap<Option<&str>, Vec<compact_str::CompactString>> = BTreeMap::new();
    for d in &s.roster {
        by_group
            .entry(d.group.as_deref())
            .or_default()
            .push(d.id.as_str().into());
    }
    for (_, delegates) in by_group {
        push(
            &mut out,
            Action::Attendance {
                mark: Mark::Present,
                delegates,
            },
        );
    }
    for m in s
        .motions
        .iter()
        .filter(|m| m.method == VotingMethod::RollCall)
    {
        push(
            &mut out,
            Action::Open {
                motion: m.id.as_str().into(),
            },
        );
        for d in &s.roster {
            let choice = match rng.below(100) {
                0..=3 => Choice::No,
                4..=6 => Choice::Abstain,
                _ => Choice::Yes,
            };
            push(
                &mut out,
                Action::Vote {
                    motion: m.id.as_str().into(),
                    delegate: d.id.as_str().into(),
                    choice,
                },
            );
        }
        push(
            &mut out,
            Action::Close {
                motion: m.id.as_str().into(),
            },
        );
    }
    out
}

/// The journal file's bytes: one canonical line per record.
pub fn journal_bytes(records: &[Record]) -> Vec<u8> {
    let mut out = Vec::with_capacity(records.len() * 300);
    for r in records {
        out.extend_from_slice(r.to_line().as_bytes());
        out.push(b'\n');
    }
    out
}

/// `count` notes on paragraphs (whole, or a stretch of text), indicators and stops, with ids
/// and times derived from the seed; a third of the stops marked visited with a question.
pub fn notes(s: &Session, count: u32, seed: u64) -> NotesFile {
    let mut rng = Rng::new(seed ^ 0xBB67_AE85_84CA_A73B);
    let start = session_start(s);
    let paragraphs: Vec<(String, &str)> = s.paragraphs().map(|(id, _, t)| (id, t)).collect();
    let authors: Vec<String> = (0..5).map(|_| name(&mut rng)).collect();
    let mut file = NotesFile::new(&s.id);
    for n in 0..count {
        let target = match rng.below(10) {
            0..=1 if !s.indicators.is_empty() => {
                Target::indicator(&s.indicators[rng.below(s.indicators.len())].id)
            }
            2 if !s.itinerary.is_empty() => {
                Target::stop(&s.itinerary[rng.below(s.itinerary.len())].id)
            }
            _ if !paragraphs.is_empty() => {
                let (pid, text) = &paragraphs[rng.below(paragraphs.len())];
                let len = text.chars().count();
                if rng.chance(1, 2) && len > 8 {
                    let a = rng.below(len - 6);
                    let b = a + 2 + rng.below(5);
                    Target::selection(pid, text, a, b)
                } else {
                    Target::paragraph(pid, text)
                }
            }
            _ => Target::stop("none"),
        };
        let created = start + Duration::seconds(30 * i64::from(n));
        file.notes.push(Note {
            id: format!("n-gen-{seed}-{n}"),
            target,
            kind: NoteKind::ALL[rng.below(NoteKind::ALL.len())],
            text: rng.word(NOTE_TEXTS).to_string(),
            author: Some(rng.pick(&authors).clone()),
            created,
            updated: created,
        });
    }
    for (k, stop) in s.itinerary.iter().enumerate() {
        if k % 3 == 0 {
            file.stops.insert(
                stop.id.clone(),
                StopState {
                    visited: true,
                    questions: rng.word(NOTE_TEXTS).to_string(),
                    updated: Some(start),
                },
            );
        }
    }
    file
}

/// Every character the generator can write, for the glyph test.
pub fn alphabet() -> String {
    let lists: [&[&str]; 18] = [
        SURNAMES,
        GIVEN,
        DELEGATIONS,
        ROLES,
        OPENERS,
        VERBS,
        OBJECTS,
        RESULTS,
        TAILS,
        SECTION_TITLES,
        PART_TITLES,
        CATEGORIES,
        AMOUNT_NAMES,
        COUNT_NAMES,
        PLACES,
        PROJECTS,
        NOTE_TEXTS,
        &[
            "代表团代表小组第（）、件，办结数总数率%。全年约近超同比增长下降亿元个完成项目",
            "关于加强的决议决定草案号听取和审议表决大会开幕闭幕代表视察重点项目上午下午负责人作报告",
            "示例市人民大会堂主席团十四届次会议一二三四五六七八九十〇0123456789.-",
        ],
    ];
    let mut all: String = lists.iter().flat_map(|l| l.iter().copied()).collect();
    for (t, _, short) in DOC_TITLES {
        all.push_str(t);
        all.push_str(short);
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn small() -> Params {
        Params {
            delegates: 120,
            groups: 7,
            sections: 23,
            indicators: 41,
            motions: 5,
            stops: 4,
            notes: 30,
            seed: 7,
        }
    }

    #[test]
    fn generated_session_passes_check_with_no_warnings() {
        let p = small();
        let s = session(&p);
        let text = session_ron(&s, &p).unwrap();
        let loaded = crate::model::load_str("gen.ron", &text, Lang::En).unwrap();
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        assert_eq!(loaded.session, s);
        assert_eq!(s.roster.len(), 120);
        assert_eq!(s.groups.len(), 7);
        assert_eq!(s.indicators.len(), 41);
        assert_eq!(s.motions.len(), 5);
        assert_eq!(s.itinerary.len(), 4);
        let sections: usize = s.documents.iter().map(|d| d.sections.len()).sum();
        assert_eq!(sections, 23);
        assert!(
            s.indicators.iter().any(|i| i.parts.is_some()),
            "some rates carry their parts"
        );
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_text() {
        let p = small();
        let a = session_ron(&session(&p), &p).unwrap();
        let b = session_ron(&session(&p), &p).unwrap();
        assert_eq!(a, b);
        let q = Params { seed: 8, ..p };
        assert_ne!(a, session_ron(&session(&q), &q).unwrap());
        let s = session(&p);
        assert_eq!(
            journal_bytes(&journal_records(&s, 7)),
            journal_bytes(&journal_records(&s, 7))
        );
        assert_eq!(notes(&s, 30, 7).to_bytes(), notes(&s, 30, 7).to_bytes());
    }

    #[test]
    fn every_character_has_a_glyph_in_the_bundled_font() {
        let missing: String = alphabet()
            .chars()
            .filter(|c| !crate::fonts::has_glyph(*c))
            .collect();
        assert!(missing.is_empty(), "no glyph for {missing:?}");
        // And the alphabet really covers what is generated.
        let p = small();
        let text = session_ron(&session(&p), &p).unwrap();
        let missing: String = text
            .chars()
            .filter(|c| !crate::fonts::has_glyph(*c))
            .collect();
        assert!(missing.is_empty(), "no glyph for {missing:?}");
    }

    #[test]
    fn paragraphs_are_report_length_and_state_their_indicators() {
        let s = session(&small());
        let lens: Vec<usize> = s.paragraphs().map(|(_, _, t)| t.chars().count()).collect();
        let avg = lens.iter().sum::<usize>() / lens.len();
        assert!((150..=260).contains(&avg), "average paragraph {avg} chars");
        for ind in &s.indicators {
            let src = ind.source.as_deref().unwrap();
            let (_, text) = s.find_paragraph(src).unwrap();
            assert!(text.contains(&ind.name), "{} not in {src}", ind.name);
        }
    }

    #[test]
    fn journal_replays_to_every_motion_passed_with_full_attendance() {
        use crate::journal::{Tally, Verdict, scan};
        let s = session(&small());
        let records = journal_records(&s, 7);
        // header + 7 groups + 5 × (open + 120 votes + close)
        assert_eq!(records.len(), 1 + 7 + 5 * 122);
        let bytes = journal_bytes(&records);
        let sc = scan(&bytes);
        assert_eq!(sc.status, crate::journal::JournalStatus::Ok);
        let t = Tally::replay(&s, &sc.records).unwrap();
        assert_eq!(t.attendance().present, 120);
        for m in t.motions() {
            let r = t.result(m);
            assert_eq!(r.verdict, Verdict::Passed, "{}", m.id);
            assert_eq!(r.counts.yes + r.counts.no + r.counts.abstain, 120);
            assert!(r.counts.no > 0 || r.counts.abstain > 0);
        }
    }

    #[test]
    fn notes_all_attach_in_the_session() {
        use crate::notes::Anchors;
        let s = session(&small());
        let f = notes(&s, 30, 7);
        assert_eq!(f.notes.len(), 30);
        let back = NotesFile::parse(std::path::Path::new("n.json"), &f.to_bytes()).unwrap();
        assert_eq!(back, f);
        let anchors = Anchors::compute(&s, &f.notes);
        assert_eq!(anchors.unplaced().len(), 0);
    }

    #[test]
    fn national_preset_is_national_sized() {
        let p = Params::NATIONAL;
        let s = session(&p);
        let chars: usize = s.paragraphs().map(|(_, _, t)| t.chars().count()).sum();
        assert!(
            (500_000..=700_000).contains(&chars),
            "{chars} characters of report"
        );
        assert_eq!(s.roster.len(), 2977);
        assert_eq!(s.groups.len(), 35);
        let text = session_ron(&s, &p).unwrap();
        assert!(crate::model::load_str("n.ron", &text, Lang::Zh).is_ok());
    }
}
