"""The standard's data: items, points, channels, blocks, metrics, conditions, errata.

Everything the site and the calculators show about the COPC CX Standard comes from here,
and each value cites where the certification guide (Release 7.0 v1.2, Japanese) states it.
Totals are never stored: they are computed from the items and checked against the
totals the guide prints (`STATED_TOTALS`) by the tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from .text import Text

GUIDE = "COPC CX規格 認証ガイド Release 7.0 v1.2"
POINT_TABLE = "「カテゴリと要求事項」配点表 (p.14)"
EXCLUSIONS_SECTION = "「COPC認証取得に必要な点数」(p.18)"
METRICS_TABLE = "「カテゴリ4.0採点対象指標リスト」"
PROCESS_SECTION = "「プロセス認証 規格要求」"


class Edition(StrEnum):
    """CSP: customer-service provider; OSP: outsourced service provider."""

    CSP = "CSP"
    OSP = "OSP"


class Scoring(StrEnum):
    """How an item is scored."""

    APPROACH_DEPLOYMENT = "approach-deployment"  # categories 1.0-3.0
    PERFORMANCE = "performance"  # 4.1, 4.2a, 4.2b, 4.5
    CHANNEL_PERFORMANCE = "channel-performance"  # 4.3, 4.4
    RULE_50_75 = "rule-50-75"  # 4.6


@dataclass(frozen=True)
class Category:
    number: str
    name: Text


@dataclass(frozen=True)
class Item:
    number: str
    name: Text
    csp_points: int | None  # None: the item is not in the CSP edition
    osp_points: int | None
    scoring: Scoring
    source: str = POINT_TABLE

    @cached_property
    def category(self) -> str:
        return self.number.split(".")[0] + ".0"

    def points_in(self, edition: Edition) -> int | None:
        return self.csp_points if edition is Edition.CSP else self.osp_points


CATEGORIES: tuple[Category, ...] = (
    Category("1.0", Text("リーダーシップと計画", "Leadership and planning")),
    Category("2.0", Text("プロセス", "Processes")),
    Category("3.0", Text("人材", "People")),
    Category("4.0", Text("パフォーマンス", "Performance")),
)

_AD = Scoring.APPROACH_DEPLOYMENT
_ERRATUM_1 = POINT_TABLE + "; OSP 80 as printed, 100 per erratum osp-2.1-2.3-points"

ITEMS: tuple[Item, ...] = (
    Item("1.1", Text("方針声明", "Policy statement"), 100, 100, _AD),
    Item("1.2", Text("事業計画", "Business plan"), 100, 100, _AD),
    Item("1.3", Text("目標設定", "Target setting"), 100, 100, _AD),
    Item("1.4", Text("ビジネスパフォーマンスのレビュー", "Business performance review"), 100, 100, _AD),
    Item("2.1", Text("サービスジャーニーの定義と管理", "Service journey definition and management"),
         100, 100, _AD, _ERRATUM_1),
    Item("2.2", Text("顧客情報の収集と分析", "Customer information collection and analysis"),
         100, 100, _AD, _ERRATUM_1),
    Item("2.3", Text("KCRPの定義とばらつきの最小化", "KCRP definition and variation minimisation"),
         100, 100, _AD, _ERRATUM_1),
    Item("2.4", Text("予測と要員計画", "Forecasting and capacity planning"), 80, 80, _AD),
    Item("2.5", Text("スケジューリングとリアルタイム管理", "Scheduling and real-time management"), 80, 80, _AD),
    Item("2.6", Text("ITサービスの管理", "IT service management"), 80, 80, _AD),
    Item("2.7", Text("クオリティの管理", "Quality management"), 80, 80, _AD),
    Item("2.8", Text("是正措置と継続的改善の管理", "Corrective action and continuous improvement management"),
         80, 80, _AD),
    Item("2.9", Text("ナレッジとコンテンツの管理", "Knowledge and content management"), 60, 60, _AD),
    Item("2.10", Text("ベンダーと主要サプライヤの管理", "Vendor and key supplier management"), 40, 40, _AD),
    Item("2.11", Text("ビジネスの継続性の確立と維持", "Business continuity"), 40, 40, _AD),
    Item("2.12", Text("変更管理", "Change management"), 40, 40, _AD),
    Item("2.13", Text("個人情報とコンプライアンス管理", "Privacy and compliance management"), 40, 40, _AD),
    Item("2.14", Text("データ完全性の確保", "Data integrity"), 40, 40, _AD),
    Item("2.15", Text("COPC CX規格のレビュー", "COPC CX Standard review"), 40, 40, _AD),
    Item("2.16", Text("OSPのセールスプロセス", "OSP sales process"), None, 40, _AD),
    Item("2.17", Text("RFXへの対応", "RFX response"), None, 40, _AD),
    Item("2.18", Text("新規クライアント、プログラム、サービスの開始",
                      "Launching new clients, programs and services"), None, 60, _AD),
    Item("2.19", Text("クライアントとの関係の終了", "Ending client relationships"), None, 60, _AD),
    Item("2.20", Text("クライアントとのリレーションシップ管理", "Client relationship management"), None, 80, _AD),
    Item("2.21", Text("クライアントへのレポート", "Client reporting"), None, 40, _AD),
    Item("2.22", Text("クライアントへの請求", "Client invoicing"), None, 40, _AD),
    Item("3.1", Text("スキル定義", "Skill definition"), 60, 60, _AD),
    Item("3.2", Text("スタッフの採用", "Staff recruitment"), 80, 80, _AD),
    Item("3.3", Text("研修と開発", "Training and development"), 80, 80, _AD),
    Item("3.4", Text("スキルと知識の検証", "Skill and knowledge verification"), 80, 80, _AD),
    Item("3.5", Text("CSSのモニタリングとコーチング", "CSS monitoring and coaching"), 80, 80, _AD),
    Item("3.6", Text("スタッフのパフォーマンスの管理", "Staff performance management"), 80, 80, _AD),
    Item("3.7", Text("従業員体験とフィードバック管理", "Employee experience and feedback management"), 60, 60, _AD),
    Item("3.8", Text("離職と欠勤の改善", "Attrition and absenteeism improvement"), 80, 80, _AD),
    Item("4.1", Text("顧客体験のパフォーマンス", "Customer experience performance"),
         500, 500, Scoring.PERFORMANCE),
    Item("4.2a", Text("トータルコストのパフォーマンス（CSP）", "Total cost performance (CSP)"),
         200, None, Scoring.PERFORMANCE),
    Item("4.2b", Text("クライアント体験のパフォーマンス（OSP）", "Client experience performance (OSP)"),
         None, 200, Scoring.PERFORMANCE),
    Item("4.3", Text("ヒューマンアシステッドチャネルのパフォーマンス", "Human-assisted channel performance"),
         400, 400, Scoring.CHANNEL_PERFORMANCE),
    Item("4.4", Text("デジタルアシステッドチャネルのパフォーマンス", "Digital-assisted channel performance"),
         350, 350, Scoring.CHANNEL_PERFORMANCE),
    Item("4.5", Text("KSPのパフォーマンス", "KSP performance"), 200, 200, Scoring.PERFORMANCE),
    Item("4.6", Text("パフォーマンスの達成度評価", "Performance achievement (50/75)"),
         350, 350, Scoring.RULE_50_75),
)

# The totals the guide prints; the tests check that the items add up to them.
STATED_TOTALS: dict[Edition, dict[str, int]] = {
    Edition.CSP: {"1.0": 400, "2.0": 1000, "3.0": 600, "4.0": 2000, "total": 4000},
    Edition.OSP: {"1.0": 400, "2.0": 1360, "3.0": 600, "4.0": 2000, "total": 4360},
}


# --- Channels and the items that may not apply (EXCLUSIONS_SECTION) -----------------

class Channel(StrEnum):
    HUMAN_ASSISTED = "human-assisted"
    DIGITAL_ASSISTED = "digital-assisted"


CHANNEL_NAMES: dict[Channel, Text] = {
    Channel.HUMAN_ASSISTED: Text("ヒューマンアシステッドチャネル", "Human-assisted channels"),
    Channel.DIGITAL_ASSISTED: Text("デジタルアシステッドチャネル", "Digital-assisted channels"),
}

# The channels each kind usually covers (p.6 figure).
CHANNEL_EXAMPLES: dict[Channel, tuple[Text, ...]] = {
    Channel.HUMAN_ASSISTED: (
        Text("電話", "Phone"), Text("メール", "Email"), Text("チャット", "Chat"),
        Text("アウトバウンド", "Outbound"), Text("バックオフィス", "Back office"),
    ),
    Channel.DIGITAL_ASSISTED: (
        Text("Web", "Web"), Text("チャットボット", "Chatbot"),
        Text("モバイルアプリ", "Mobile app"), Text("セルフサービス", "Self-service"),
    ),
}

# Items that may not apply when the entity runs no KCRP in that kind of channel.
MAY_NOT_APPLY_WITHOUT: dict[Channel, tuple[str, ...]] = {
    Channel.DIGITAL_ASSISTED: ("2.6", "4.4"),
    Channel.HUMAN_ASSISTED: ("2.4", "2.5", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.8"),
}

REQUIRED_SHARE_PERCENT = 95  # of applicable points, for certification



# --- What the reader enters: the count fields of each kind of form ----------------------------

# Bounds that no real entity reaches: a value above them is a typing or paste slip, refused at
# its field rather than computed.
MAX_COUNT = 100_000  # sub-requirements, units (programs) or metrics of one item
MAX_MONTHS = 120  # months in a measurement period


@dataclass(frozen=True)
class InputField:
    """One count a form asks for: its name in requests and error paths, its label, a short
    column header for tables, an optional hint, and the largest value that makes sense."""

    name: str
    label: Text
    short: Text
    hint: Text | None = None
    limit: int = MAX_COUNT


_METRICS_TOTAL = InputField("total", Text("要求指標の総数", "Required metrics in total"), Text("指標数", "Metrics"))

# The fields of each form, in the order the forms show them. The keys are the Scoring values
# for item scores, plus the process-certification level rule and the renewal check.
INPUT_FIELDS: dict[str, tuple[InputField, ...]] = {
    "approach-deployment": (
        InputField("met", Text("適合した細目数", "Sub-requirements met"),
                   Text("適合した細目数", "Sub-requirements met"),
                   Text("アプローチの細目のうち満たしているもの", "Sub-requirements of the approach that you meet")),
        InputField("applicable", Text("適用される細目数", "Applicable sub-requirements"),
                   Text("適用される細目数", "Applicable sub-requirements"),
                   Text("運用していないチャネル専用の細目は数えません",
                        "Leave out sub-requirements for channels you do not run")),
        InputField("deployed", Text("完全に運用しているユニット数", "Units fully deploying"),
                   Text("完全に運用しているユニット数", "Units fully deploying"),
                   Text("アプローチを完全に運用しているプログラム（ユニット）",
                        "Programs (units) that fully deploy the approach")),
        InputField("total", Text("ユニットの総数", "Units in total"), Text("ユニットの総数", "Units in total"),
                   Text("範囲内のプログラム（ユニット）の数", "Programs (units) in scope")),
    ),
    "performance": (
        InputField("achieved", Text("目標を達成した指標の数", "Metrics at target"), Text("目標達成", "At target"),
                   Text("要求指標のうち目標を達成しているもの", "Required metrics that meet their target")),
        InputField("improving", Text("未達だが継続的に改善している指標の数", "Metrics not at target but improving"),
                   Text("改善中", "Improving"),
                   Text("目標未達の指標だけを数えます", "Count only metrics that are not at target")),
        _METRICS_TOTAL,
    ),
    "channel-performance": (
        InputField("achieved", Text("目標を達成した指標の数", "Metrics at target"), Text("目標達成", "At target")),
        InputField("improving", Text("未達だが継続的に改善している指標の数", "Metrics not at target but improving"),
                   Text("改善中", "Improving"),
                   Text("目標未達の指標だけを数えます", "Count only metrics that are not at target")),
        InputField("total", Text("指標の総数", "Metrics in total"), Text("指標数", "Metrics")),
    ),
    "rule-50-75": (
        InputField("at_target", Text("目標を達成した指標の数", "Metrics at target"), Text("目標達成", "At target")),
        InputField("at_target_or_improving",
                   Text("目標達成または改善している指標の数", "Metrics at target or improving"),
                   Text("目標達成または改善", "At target or improving"),
                   Text("目標達成の指標も含めた数", "Including the metrics at target")),
        InputField("total", Text("指標の総数", "Metrics in total"), Text("指標数", "Metrics")),
    ),
    "level": (
        InputField("months_at_target", Text("目標達成の月数", "Months at target"),
                   Text("目標達成の月数", "Months at target"),
                   limit=MAX_MONTHS),
        InputField("months_measured", Text("測定した月数", "Months measured"), Text("測定した月数", "Months measured"),
                   limit=MAX_MONTHS),
    ),
    "renewal": (
        InputField("pst_at_target", Text("PSTで目標達成の指標数", "PST metrics at target"),
                   Text("目標達成", "At target")),
        InputField("pst_at_target_or_improving", Text("PSTで目標達成または改善の指標数",
                                                      "PST metrics at target or improving"),
                   Text("目標達成または改善", "At target or improving"),
                   Text("目標達成の指標も含めた数", "Including the metrics at target")),
        InputField("pst_total", Text("PSTの指標数", "PST metrics in total"), Text("指標数", "Metrics")),
    ),
}

# --- Category 4.0: metric types of 4.3/4.4 and the scored metrics by level ------------

class MetricType(StrEnum):
    SERVICE = "service"
    QUALITY = "quality"
    SALES = "sales"
    EFFICIENCY = "efficiency"


METRIC_TYPE_NAMES: dict[MetricType, Text] = {
    MetricType.SERVICE: Text("サービス", "Service"),
    MetricType.QUALITY: Text("クオリティ", "Quality"),
    MetricType.SALES: Text("セールス", "Sales"),
    MetricType.EFFICIENCY: Text("効率性", "Efficiency"),
}
# Sales is the one type an entity may not have (「採点結果」); the others must be present
# (interpretation missing-metric-types).
OPTIONAL_METRIC_TYPES: frozenset[MetricType] = frozenset({MetricType.SALES})


class Level(StrEnum):
    ENTITY = "entity"
    CLIENT = "client"
    PROGRAM = "program"


LEVEL_NAMES: dict[Level, Text] = {
    Level.ENTITY: Text("主体組織", "Entity"),
    Level.CLIENT: Text("クライアント", "Client"),
    Level.PROGRAM: Text("プログラム", "Program"),
}


@dataclass(frozen=True)
class ScoredMetricGroup:
    """One row of METRICS_TABLE: the metrics of an item, by level."""

    items: tuple[str, ...]
    topic: Text
    metrics: dict[Level, tuple[Text, ...]]


_ALL_KCRP = Text(
    "すべてのKCRP指標（主体組織またはクライアント単位で同じ目標により管理されるものを除く）",
    "Every KCRP metric (except those managed against the same target at entity or client level)",
)
_CLIENT_REQUIRED = Text("クライアントが要求するすべての指標", "Every metric the client requires")
_ALL_KSP = Text("予測精度・スケジュール遵守率・IVRのマネジメントを除く、すべてのKSP指標",
                "Every KSP metric other than forecast accuracy, schedule adherence and IVR management")

SCORED_METRICS: tuple[ScoredMetricGroup, ...] = (
    ScoredMetricGroup(("4.1",), Text("顧客体験の測定", "Measuring customer experience"), {
        Level.ENTITY: (Text("サービスジャーニーの顧客体験", "Customer experience of the service journey"),),
        Level.CLIENT: (),
        Level.PROGRAM: (Text("顧客の総合満足度", "Overall customer satisfaction"),
                        Text("顧客の総合不満足度", "Overall customer dissatisfaction")),
    }),
    ScoredMetricGroup(("4.2a", "4.2b"),
                      Text("トータルコスト（CSP）／クライアントの満足度と不満足度（OSP）",
                           "Total cost (CSP) / client satisfaction and dissatisfaction (OSP)"), {
        Level.ENTITY: (Text("単位当たりのコスト（CSP）", "Cost per unit (CSP)"),),
        Level.CLIENT: (Text("クライアントの総合満足度（OSP）", "Overall client satisfaction (OSP)"),
                       Text("解決または返答の納期率（OSP）", "Resolution or response timeliness (OSP)")),
        Level.PROGRAM: (),
    }),
    ScoredMetricGroup(("4.3",), Text("ヒューマンアシステッドチャネル", "Human-assisted channels"), {
        Level.ENTITY: (), Level.CLIENT: (), Level.PROGRAM: (_ALL_KCRP, _CLIENT_REQUIRED),
    }),
    ScoredMetricGroup(("4.4",), Text("デジタルアシステッドチャネル", "Digital-assisted channels"), {
        Level.ENTITY: (), Level.CLIENT: (), Level.PROGRAM: (_ALL_KCRP, _CLIENT_REQUIRED),
    }),
    ScoredMetricGroup(("4.5",), Text("KSP", "KSPs"), {
        Level.ENTITY: (
            _ALL_KSP,
            Text("CSS離職率", "CSS attrition"),
            Text("RFXへの対応（OSP）", "Responding to RFXs (OSP)"),
        ),
        Level.CLIENT: (Text("クライアントへの報告（OSP）", "Reporting to clients (OSP)"),
                       Text("クライアントへの請求（OSP）", "Invoicing clients (OSP)")),
        Level.PROGRAM: (
            Text("予測精度（スタッフィングとスケジューリング）", "Forecast accuracy (staffing and scheduling)"),
            Text("スケジュール遵守率", "Schedule adherence"),
            Text("IVRのマネジメント", "IVR management"),
            Text("欠勤率", "Absenteeism"),
            Text("プログラム単位のCSS離職率", "CSS attrition by program"),
        ),
    }),
)

# Entries of the list that name a kind of metrics rather than one metric: an organisation's table
# holds its own metrics of that kind in their place (metrics.template marks them).
SCORED_METRIC_KINDS: frozenset[Text] = frozenset({_ALL_KCRP, _CLIENT_REQUIRED, _ALL_KSP})

SCORED_METRICS_NOTES: tuple[Text, ...] = (
    Text("複数のKCRPのデータを合算している指標は、達成度の計算に一度だけ数えます。",
         "A metric that combines the data of several KCRPs counts only once."),
    Text("クライアントが要求する指標は、すべて計算に含めます。",
         "Every metric a client requires is included in the calculation."),
)


# --- Certification and renewal ---------------------------------------------------------

@dataclass(frozen=True)
class Condition:
    id: str
    text: Text
    source: str


CERTIFICATION_CONDITIONS: tuple[Condition, ...] = (
    Condition("points-95", Text("評価対象の持ち点の95%以上を獲得している",
                                "At least 95% of the applicable points are earned"),
              "「COPC認証取得に必要な点数」"),
    Condition("approach-100", Text("カテゴリ1.0〜3.0の全項目で、アプローチの評価が100%",
                                   "The approach of every item in categories 1.0-3.0 scores 100%"),
              "「COPC認証取得に必要な点数」"),
    Condition("rule-50-75", Text("4.6で50/75ルールを満たしている",
                                 "Item 4.6 meets the 50/75 rule"),
              "「COPC認証取得に必要な点数」"),
)

RENEWAL_CONDITIONS: tuple[Condition, ...] = (
    Condition("no-major-nonconformity", Text("直近の更新審査で重大な不適合がなかった",
                                             "No major nonconformity at the last renewal audit"),
              "「認証更新審査」"),
    Condition("no-internal-audit-nonconformity",
              Text("直近の更新審査で、内部監査活動に不適合がなかった",
                   "No nonconformity about the internal audit at the last renewal audit"),
              "「認証更新審査」"),
    Condition("pst-at-target-over-65", Text("直近のPST評価で、65%を超える指標が目標を達成している",
                                            "Latest PST review: more than 65% of metrics at target"),
              "「認証更新審査」"),
    Condition("pst-at-target-or-improving-over-75",
              Text("直近のPST評価で、75%を超える指標が目標達成または継続的改善を示している",
                   "Latest PST review: more than 75% of metrics at target or improving"),
              "「認証更新審査」"),
    Condition("category-4-level", Text("カテゴリ4.0の指標のレベル要求を満たしている",
                                       "The level requirement of category 4.0 metrics is met"),
              "「認証更新審査」"),
)


# --- Process certification (PROCESS_SECTION) -------------------------------------------

class Unit(StrEnum):
    """The unit a required metric is reported for."""

    PROGRAM_BY_SITE_AND_CHANNEL = "program-by-site-and-channel"
    PROGRAM_BY_SITE_AND_TRANSACTION = "program-by-site-and-transaction-type"
    CLIENT_AT_EACH_SITE = "client-at-each-site"
    SITE = "site"
    CHANNEL = "channel"
    ENTITY = "entity"
    SET_BY_CLIENT = "set-by-client"


UNIT_NAMES: dict[Unit, Text] = {
    Unit.PROGRAM_BY_SITE_AND_CHANNEL: Text("拠点・チャネル単位のプログラム", "Program, per site and channel"),
    Unit.PROGRAM_BY_SITE_AND_TRANSACTION: Text("拠点・取引業務の種類単位のプログラム",
                                               "Program, per site and transaction type"),
    Unit.CLIENT_AT_EACH_SITE: Text("クライアントの業務を扱う各拠点で、クライアントごとに1指標",
                                   "One per client, at each site handling that client"),
    Unit.SITE: Text("拠点単位（各拠点に1指標）", "Per site (one for each site)"),
    Unit.CHANNEL: Text("チャネル単位", "Per channel"),
    Unit.ENTITY: Text("主体組織単位", "Entity"),
    Unit.SET_BY_CLIENT: Text("クライアントが設定", "Set by the client"),
}


@dataclass(frozen=True)
class RequiredMetric:
    id: str
    name: Text
    unit: Unit
    client_set: bool = False  # required only when a client asks for it
    # How the guide defines or illustrates the metric, in our words ("例" / "e.g." where the guide
    # gives only an example); None where the guide gives nothing beyond the name.
    definition: Text | None = None


def _d(ja: str, en: str) -> Text:
    return Text(ja, en)


@dataclass(frozen=True)
class Block:
    id: str
    name: Text
    items: tuple[str, ...]
    optional_items: tuple[str, ...]
    editions: tuple[Edition, ...]
    requirements: tuple[Condition, ...]
    metrics: tuple[RequiredMetric, ...]


def _req(block: str, key: str, ja: str, en: str) -> Condition:
    return Condition(f"{block}.{key}", Text(ja, en), PROCESS_SECTION)


def _common(block: str, applies_to: Text | None, *, cuika_with_cx: bool = False) -> tuple[Condition, ...]:
    """The additional requirements most blocks share; cuika_with_cx: the quality block's CUIKA
    requirement covers the customer-experience measurement too."""
    cuika = (_req(block, "cuika", "要求指標と顧客体験測定がCUIKAの要件を満たしている",
                  "The required metrics and the customer-experience measurement meet the CUIKA requirements")
             if cuika_with_cx else
             _req(block, "cuika", "要求指標がCUIKAの要件を満たしている",
                  "The required metrics meet the CUIKA requirements"))
    reqs = [
        cuika,
        _req(block, "targets", "目標値はハイパフォーマンスベンチマークとクライアント要件のうち厳しい方"
             "（またはそこまで引き上げる計画がある）",
             "Targets are the stricter of the high-performance benchmark and the client's requirement "
             "(or there is a plan to raise them to it)"),
    ]
    if applies_to is not None:
        reqs.append(_req(block, "people-items", f"3.1〜3.4の要求を{applies_to.ja}に適用している",
                         f"Items 3.1-3.4 are applied to {applies_to.en}"))
    reqs.append(_req(block, "level", "レベル: 主体組織と各拠点で、要求指標の50%以上が測定期間の3/4以上で目標を達成",
                     "Level: for the entity and each site, at least 50% of the required metrics meet "
                     "their target in at least 3/4 of the measurement period"))
    return tuple(reqs)


def _client_metric(block: str, key: str, ja: str, en: str) -> RequiredMetric:
    return RequiredMetric(f"{block}.{key}", Text(ja, en), Unit.SET_BY_CLIENT, client_set=True)


_BOTH = (Edition.CSP, Edition.OSP)
_P_CH = Unit.PROGRAM_BY_SITE_AND_CHANNEL
_P_TX = Unit.PROGRAM_BY_SITE_AND_TRANSACTION

BLOCKS: tuple[Block, ...] = (
    Block(
        "quality", Text("クオリティ管理", "Quality management"), ("2.7",), ("3.5",), _BOTH,
        _common("quality", Text("取引業務のモニタリング担当者", "the staff who monitor transactions"),
                cuika_with_cx=True),
        (
            RequiredMetric("quality.customer-critical", Text("顧客観点の重大なミスの精度",
                           "Customer-critical error accuracy"), _P_CH, definition=_d(
                "モニタリングした取引業務のうち、顧客にとって重大なミスが一つもなかったものの割合",
                "Share of monitored transactions without any error that is critical to the customer")),
            RequiredMetric("quality.business-critical", Text("ビジネス観点の重大なミスの精度",
                           "Business-critical error accuracy"), _P_CH, definition=_d(
                "モニタリングした取引業務のうち、事業にとって重大なミスが一つもなかったものの割合",
                "Share of monitored transactions without any error that is critical to the business")),
            RequiredMetric("quality.compliance-critical", Text("コンプライアンス観点の重大なミスの精度",
                           "Compliance-critical error accuracy"), _P_CH, definition=_d(
                "モニタリングした取引業務のうち、法令・規程の面で重大なミスが一つもなかったものの割合",
                "Share of monitored transactions without any error that is critical to compliance")),
            RequiredMetric("quality.defect-rate", Text("欠陥率", "Defect rate"), _P_CH, definition=_d(
                "例: 検査した取引業務のうち、欠陥が見つかったものの割合",
                "e.g. the share of inspected transactions found to have a defect")),
            _client_metric("quality", "client", "クライアントが要求するモニタリングによるクオリティ指標",
                           "Quality metrics from monitoring that the client requires"),
        ),
    ),
    Block(
        "workforce", Text("ワークフォース管理", "Workforce management"), ("2.4", "2.5"), (), _BOTH,
        _common("workforce", Text("要員計画とスケジューリングの担当者", "the staff who plan and schedule")),
        (
            RequiredMetric("workforce.speed-of-answer", Text(
                "応答速度（リアルタイム型）: サービスレベル、平均応答速度（ASA）、"
                "スケジュール達成率（クライアントが人員配置を決めるプログラム）のいずれか",
                "Speed of answer (real-time): service level, ASA, or schedule achievement "
                "(in programs where the client sets staffing)"), _P_TX, definition=_d(
                "ヒューマンアシステッドチャネルのリアルタイム型の取引業務が対象。"
                "サービスレベルなら、例: 目標時間内に応答した取引の割合",
                "Real-time transactions of human-assisted channels. Service level, e.g. the share of transactions "
                "answered within the target time")),
            RequiredMetric("workforce.abandonment", Text("放棄呼率（リアルタイム型）",
                           "Abandonment rate (real-time)"), _P_TX, definition=_d(
                "ヒューマンアシステッドチャネルのリアルタイム型の取引業務が対象。"
                "例: CSSが応答する前に顧客が離れた取引の割合",
                "Real-time transactions of human-assisted channels; e.g. the share of transactions the customer "
                "abandoned before a CSS answered")),
            RequiredMetric("workforce.timeliness", Text(
                "納期（非リアルタイム型）: 納期率、"
                "またはスケジュール達成率（クライアントが人員配置を決めるプログラム）",
                "Timeliness (non-real-time): on-time rate, or schedule achievement "
                "(in programs where the client sets staffing)"), _P_TX, definition=_d(
                "ヒューマンアシステッドチャネルの非リアルタイム型の取引業務が対象。納期率は、決められたサイクルタイム内に処理した取引の割合",
                "Non-real-time transactions of human-assisted channels. The on-time rate is the share of "
                "transactions handled within their cycle time")),
            RequiredMetric("workforce.backlog", Text("未処理（非リアルタイム型）",
                           "Backlog (non-real-time)"), _P_TX, definition=_d(
                "ヒューマンアシステッドチャネルの非リアルタイム型の取引業務が対象。"
                "例: 期限までに処理できなかった取引の平均の遅れ",
                "Non-real-time transactions of human-assisted channels; e.g. the average delay of the "
                "transactions not handled by their due time")),
            RequiredMetric("workforce.schedule-adherence", Text("スケジュール遵守率",
                           "Schedule adherence"), _P_TX, definition=_d(
                "例: 業務の種類や時間帯ごとに計画した勤務時間と、実際の勤務時間との比較",
                "e.g. the time planned for each activity and period compared with the time actually worked")),
            RequiredMetric("workforce.staffing-forecast", Text("スタッフィング予測精度",
                           "Staffing forecast accuracy"), _P_TX, definition=_d(
                "例: 採用と研修に要する期間を見込んで予測した業務量と、実際の業務量との比較",
                "e.g. the workload forecast far enough ahead to hire and train for it, compared with the actual")),
            RequiredMetric("workforce.scheduling-forecast", Text("スケジューリング予測精度",
                           "Scheduling forecast accuracy"), _P_TX, definition=_d(
                "例: 在籍スタッフのシフトを組むために予測したインターバルごとの取引量と、実績との比較",
                "e.g. the volume forecast per interval to build the current staff's schedules, compared with "
                "the actual")),
            RequiredMetric("workforce.occupancy", Text("占有率 = 生産時間 ÷（生産時間 + 受付可能時間）",
                           "Occupancy = productive time ÷ (productive + available time)"), _P_TX, definition=_d(
                "計算式はこのとおりに決められていて、ほかの式は使えません",
                "The formula is prescribed: no other formula may be used")),
            RequiredMetric("workforce.utilisation", Text("CSS稼働率", "CSS utilisation"), _P_TX, definition=_d(
                "給与の支払われる時間のうち、生産的な業務の時間と顧客に対応できる状態で待機した時間の合計が占める割合",
                "Productive time plus time available to customers, as a share of paid time")),
            _client_metric("workforce", "client", "クライアントが要求する予測・スタッフィング・スケジューリングの指標",
                           "Forecasting, staffing and scheduling metrics the client requires"),
        ),
    ),
    Block(
        "client-management", Text("クライアント管理（OSP）", "Client management (OSP)"),
        ("2.16", "2.17", "2.18", "2.19", "2.20", "2.21", "2.22", "4.2b"), (), (Edition.OSP,),
        (
            _req("client-management", "change-management", "変更管理2.12の2.12.2 b)〜g)を満たしている",
                 "Change management 2.12.2 b) to g) are met"),
            *_common("client-management",
                     Text("クライアントとの関係を管理する担当者", "the staff who manage client relationships")),
            _req("client-management", "no-exemption",
                 "ブロック内のどの項目も免除されず、主体組織の主要部分で適合している",
                 "No item of the block is exempted; conformity holds across the main part of the entity"),
            _req("client-management", "broad-entity",
                 "主体組織をOSP全体・地域・事業ラインのいずれかとして広く定義している",
                 "The entity is defined broadly: the whole OSP, a region or a line of business"),
            _req("client-management", "full-certification-commitment",
                 "1つ以上の拠点またはクライアントプログラムでフル認証を取得済み、または取得活動中",
                 "At least one site or client program holds full certification or is working towards it"),
        ),
        (
            RequiredMetric("client-management.client-satisfaction", Text("クライアント総合満足度",
                           "Overall client satisfaction"), Unit.CLIENT_AT_EACH_SITE, definition=_d(
                "プログラム単位またはクライアント単位で測る",
                "Measured by program or by client")),
            RequiredMetric("client-management.complaint-timeliness", Text(
                "クライアント苦情処理の納期率（解決または返答）",
                "Client complaint timeliness (resolution or response)"), Unit.SITE, definition=_d(
                "解決の納期率か返答の納期率のどちらか一方",
                "Either the resolution timeliness or the response timeliness")),
            RequiredMetric("client-management.report-timeliness", Text("クライアントへのレポート納期率",
                           "Client report timeliness"), Unit.SITE, definition=_d(
                "例: 提出期限までにクライアントへ届けたレポートの割合",
                "e.g. the share of reports delivered to the client by their deadline")),
            RequiredMetric("client-management.report-accuracy", Text("クライアントへのレポートの重大なミスの精度",
                           "Client report critical-error accuracy"), Unit.SITE, definition=_d(
                "例: クライアントから内容の誤りを指摘されなかったレポートの割合",
                "e.g. the share of reports in which the client found no error")),
            RequiredMetric("client-management.invoice-timeliness", Text("請求の納期率",
                           "Invoicing timeliness"), Unit.SITE, definition=_d(
                "例: 期限どおりにクライアントへ送った請求書の割合",
                "e.g. the share of invoices sent to clients on time")),
            RequiredMetric("client-management.rfx-timeliness", Text("RFXへの対応の納期率",
                           "RFX response timeliness"), Unit.ENTITY, definition=_d(
                "例: 締切りまでに回答したRFXの割合",
                "e.g. the share of RFXs answered by their deadline")),
        ),
    ),
    Block(
        "people", Text("人材", "People"), ("3.1", "3.2", "3.3", "3.4"), (), _BOTH,
        _common("people", None),
        (
            RequiredMetric("people.hiring-timeliness", Text("採用納期率", "Hiring timeliness"), Unit.SITE,
                           definition=_d("例: 期限までに採用できたCSSの割合",
                                         "e.g. the share of CSSs hired by the date they were needed")),
            RequiredMetric("people.hiring-quality", Text("採用のクオリティ", "Hiring quality"), Unit.SITE,
                           definition=_d("例: 新しく採用したCSSの定着率。ある月の採用者のうち、"
                                         "3か月後も業務に就いている人の割合で測るのが普通",
                                         "e.g. the retention of newly hired CSSs, usually the share of a month's "
                                         "hires still working three months later")),
            _client_metric("people", "client-hiring", "クライアントが要求する採用の指標",
                           "Hiring metrics the client requires"),
            RequiredMetric("people.training-quality", Text("研修のクオリティ", "Training quality"), Unit.SITE,
                           definition=_d("例: 研修を終えてから30日以内に、研修の効果を表す指標で"
                                         "許容できる水準に達したCSSの割合",
                                         "e.g. the share of CSSs who reach an acceptable level, on the metrics the "
                                         "training aims at, within 30 days of finishing it")),
            _client_metric("people", "client-training", "クライアントが要求する研修の指標",
                           "Training metrics the client requires"),
            _client_metric("people", "client-verification", "クライアントが要求する検証の指標",
                           "Verification metrics the client requires"),
        ),
    ),
    Block(
        "customer-experience", Text("顧客体験", "Customer experience"), ("2.2", "4.1"), (), _BOTH,
        _common("customer-experience", None),
        (
            RequiredMetric("customer-experience.satisfaction", Text("顧客の総合満足度",
                           "Overall customer satisfaction"), Unit.CHANNEL, definition=_d(
                "例: 5段階評価で4か5を付けた回答の割合",
                "e.g. the share of answers of 4 or 5 on a five-point scale")),
            RequiredMetric("customer-experience.dissatisfaction", Text("顧客の総合不満足度",
                           "Overall customer dissatisfaction"), Unit.CHANNEL, definition=_d(
                "例: 5段階評価で1を付けた回答の割合",
                "e.g. the share of answers of 1 on a five-point scale")),
            RequiredMetric("customer-experience.journey", Text("サービスジャーニーの顧客体験",
                           "Customer experience of the service journey"), Unit.ENTITY, definition=_d(
                "例: カスタマーエフォートの指数（顧客が解決までに払った手間）",
                "e.g. a customer effort score (how much effort the customer spent to get it solved)")),
            _client_metric("customer-experience", "client", "クライアントが要求する満足度・不満足度の指標",
                           "Satisfaction or dissatisfaction metrics the client requires"),
        ),
    ),
)


# --- Errata and open interpretations (../shared/reference/README.md) -------------------

# What a note (erratum or interpretation) concerns, as tags that calculators, pages and results
# match against what they show: "item:2.1" (in any edition), "item:2.1@OSP" (in that edition only),
# "name:2.5" (the item's name), "block:quality", "scoring:rule-50-75", "topic:decision".
Tags = tuple[str, ...]


@dataclass(frozen=True)
class Erratum:
    id: str
    title: Text
    guide_prints: Text
    contradiction: Text
    decision: Text
    concerns: Tags = ()


@dataclass(frozen=True)
class Interpretation:
    id: str
    title: Text
    question: Text
    default: Text
    concerns: Tags = ()


ERRATA: tuple[Erratum, ...] = (
    Erratum(
        "osp-2.1-2.3-points",
        Text("OSP版の2.1〜2.3の配点", "OSP points for 2.1-2.3"),
        Text("配点表はOSP版の2.1・2.2・2.3をそれぞれ80点としています。",
             "The point table shows 80 points each for 2.1, 2.2 and 2.3 in the OSP edition."),
        Text("その値では2.0の項目合計が1,300点になり、表自身のカテゴリ合計1,360点・総点4,360点と合いません。"
             "公開されているRelease 7.0 v1.2の規格書では100点ずつです（80点はv1.0の値）。",
             "With those values the 2.0 items add up to 1,300, not the table's own category total of 1,360 "
             "or grand total of 4,360. The published Release 7.0 v1.2 standard gives 100 each (80 was v1.0)."),
        Text("100点ずつとして計算し、合計1,360点・4,360点を保ちます。",
             "The site uses 100 points each, so the totals 1,360 and 4,360 hold."),
        concerns=("item:2.1@OSP", "item:2.2@OSP", "item:2.3@OSP"),
    ),
    Erratum(
        "applicable-example-2.6-points",
        Text("持ち点の例での2.6の点数", "Points of 2.6 in the applicable-points example"),
        Text("例ではデジタルアシステッドチャネルのないCSPから「2.6の100点」と4.4の350点、計450点を除き、3,550点としています。",
             "The example removes \u201c100 points of 2.6\u201d and 350 points of 4.4, 450 in all, from a CSP "
             "without digital-assisted channels, leaving 3,550."),
        Text("配点表では2.6は80点です。", "The point table gives 2.6 80 points."),
        Text("配点表を優先し、除くのは80 + 350 = 430点、持ち点は4,000 − 430 = 3,570点とします。",
             "The table wins: 80 + 350 = 430 points are removed, leaving 4,000 − 430 = 3,570 applicable points."),
        concerns=("topic:applicable-points",),
    ),
    Erratum(
        "applicable-example-rounding",
        Text("同じ例での端数の扱い", "Rounding in the same example"),
        Text("3,550 × 95% = 3,372.5 を「3,372点」と記しています。",
             "3,550 × 95% = 3,372.5 is printed as 3,372 points."),
        Text("95%以上が条件なので、切り捨てた点数では条件を満たしません。",
             "The condition is at least 95%, so a figure rounded down does not meet it."),
        Text("必要点数は端数も含めてそのまま示し（例: 3,570点の95% = 3,391.5点）、切り捨てません。",
             "The site shows the exact requirement (e.g. 95% of 3,570 = 3,391.5) and never rounds it down."),
        concerns=("topic:applicable-points", "topic:decision"),
    ),
    Erratum(
        "client-management-item-range",
        Text("クライアント管理ブロックの項目範囲", "Items of the client-management block"),
        Text("本文は具体的な要求として「2.17〜2.23」を参照するよう述べています。",
             "The text refers the reader to items \u201c2.17-2.23\u201d for the detailed requirements."),
        Text("同じ節の見出しとブロックの一覧は2.16〜2.22と4.2bで、2.23という項目は存在しません。",
             "The same section's heading and the block list say 2.16-2.22 plus 4.2b; there is no item 2.23."),
        Text("ブロックは2.16〜2.22と4.2bとします。", "The block is 2.16-2.22 plus 4.2b."),
        concerns=("block:client-management",),
    ),
    Erratum(
        "name-of-2.5",
        Text("2.5の名称", "Name of 2.5"),
        Text("配点表では「スケジューリングとリアルタイム管理」、プロセス認証の節では「スタッフィングとリアルタイム管理」です。",
             "The point table calls 2.5 \u201cscheduling and real-time management\u201d; the process-certification "
             "pages call it \u201cstaffing and real-time management\u201d."),
        Text("同じ項目に二つの名前が使われています。", "One item has two names."),
        Text("配点表の名称を使い、もう一つの名称も併記します。",
             "The site uses the point table's name and mentions the other."),
        concerns=("name:2.5", "block:workforce"),
    ),
    Erratum(
        "quality-block-metrics-note",
        Text("クオリティブロックの指標表の注記", "Note on the quality block's metrics"),
        Text("注記は、この指標表を「2.4のプロセス認証」にも使うとしています。",
             "The note says the metrics table is used \u201cfor the 2.4 process certification\u201d."),
        Text("表はクオリティ管理ブロック（2.7、任意で3.5）のもので、2.4はワークフォース管理ブロックの項目です。",
             "The table belongs to the quality block (2.7, optionally with 3.5); 2.4 is in the workforce block."),
        Text("2.7（と3.5）のブロックの指標として扱います。",
             "The site treats it as the metrics of the 2.7 (and 3.5) block."),
        concerns=("block:quality",),
    ),
    Erratum(
        "certification-conditions-figure",
        Text("審査結果の図にある認証条件", "Certification conditions in the figure of audit outcomes"),
        Text("審査結果を示す図は、認証の条件を「すべての合計ポイントの95%以上」と「4カテゴリのアプローチの評価が100%」の"
             "二つとしています。",
             "The figure of audit outcomes gives two conditions for certification: at least 95% of \u201call the "
             "total points\u201d and 100% on the approach of \u201cthe 4 categories\u201d."),
        Text("認証の条件を定める本文は三つを挙げます: 評価対象の持ち点の95%以上、"
             "カテゴリ1.0〜3.0のアプローチの評価が100%、4.6で50/75を達成すること。図には50/75がなく、95%の母数も持ち点ではなく総点になっています。",
             "The text that sets the conditions lists three: at least 95% of the applicable points, 100% on the "
             "approach of categories 1.0-3.0, and meeting 50/75 in 4.6. The figure leaves out 50/75 and takes the 95% "
             "of the total points instead of the applicable ones."),
        Text("本文の三つの条件で判定します。", "The site decides with the text's three conditions."),
        concerns=("topic:decision",),
    ),
    Erratum(
        "full-marks-for-results",
        Text("「結果」にも100%が必要という説明", "\u201c100% on results\u201d in the scoring overview"),
        Text("採点方式の紹介は、CSPが認証を取得するには「アプローチ」と「結果」で100%が必要で、"
             "100%未満でもよいのは「運用」だけだとしています。",
             "The introduction to the scoring system says a CSP needs 100% on \u201capproach\u201d and on "
             "\u201cresults\u201d to be certified, and that only \u201cdeployment\u201d may stay below 100%."),
        Text("カテゴリ4.0の項目には部分点があり（4.1で96%など）、認証の条件を定める本文が結果に求めるのは4.6の50/75の達成だけです。",
             "Category 4.0's items earn partial scores (4.1 at 96%, for example), and the text that sets the "
             "conditions asks of results only that 4.6's 50/75 rule is met."),
        Text("結果については50/75の達成を条件とし、100%未満の結果の項目も持ち点の95%以上に収まれば認証を妨げないものとします。",
             "For results the site requires 50/75; result items below 100% do not block certification as long as "
             "the points reach 95% of the applicable ones."),
        concerns=("topic:decision",),
    ),
)

INTERPRETATIONS: tuple[Interpretation, ...] = (
    Interpretation(
        "deployment-bands",
        Text("運用の評価段階", "Deployment bands"),
        Text("ガイドが示すのは「3プログラム中2つ（67%）→ 50%」の一例だけです。",
             "The guide gives a single point: 2 of 3 programs (67%) → 50%."),
        Text("四分位の段階: 全ユニットで100%、75%以上で75%、50%以上で50%、25%以上で25%、それ未満は0%。",
             "Quartile bands: every unit 100%; at least 75% → 75%; at least 50% → 50%; "
             "at least 25% → 25%; below → 0%."),
        concerns=("scoring:approach-deployment",),
    ),
    Interpretation(
        "rule-50-75-points-split",
        Text("4.6の350点の配分", "How 4.6's 350 points are split"),
        Text("50ルールと75ルールの二つの割合から4.6の点数をどう出すかは書かれていません。",
             "The guide does not say how the two rule percentages make 4.6's points."),
        Text("半分ずつ（175点 + 175点）とし、両方の割合を表示します。",
             "Half each (175 + 175); both rule percentages are shown."),
        concerns=("scoring:rule-50-75",),
    ),
    Interpretation(
        "missing-metric-types",
        Text("4.3・4.4で指標タイプが3つ未満の場合", "Fewer than three metric types in 4.3/4.4"),
        Text("ガイドは4タイプの場合と、セールスがない3タイプの場合しか扱っていません。",
             "The guide covers four types, or three when there is no sales metric."),
        Text("サービス・クオリティ・効率性は必須とし、欠けている場合は配分を変えずに入力エラーとします。",
             "Service, quality and efficiency are required; a missing one is an input error, "
             "not a silent re-weighting."),
        concerns=("scoring:channel-performance",),
    ),
    Interpretation(
        "level-rule-measurement-period",
        Text("レベル要求の「測定期間」", "The measurement period of the level rule"),
        Text("プロセス認証のレベル要求にある「測定期間の3/4以上」の期間の長さは定められていません。",
             "The level rule's \u201cat least 3/4 of the measurement period\u201d does not fix the period."),
        Text("測定した月数を利用者が入力し、ceil(3/4 × 月数)か月以上で目標達成なら満たすとします"
             "（4か月なら3か月、12か月なら9か月）。",
             "You enter the months measured; a metric counts when it is at target in at least "
             "ceil(3/4 × months) of them (3 of 4, 9 of 12)."),
        concerns=("topic:level-rule",),
    ),
    Interpretation(
        "percent-from-counts",
        Text("件数から出す割合", "Percentages from counts"),
        Text("件数から割合を出すとき、丸め方は書かれていません。",
             "The guide does not say how to round a share computed from counts."),
        Text("正確な分数のまま計算し（12件中5件 = 41.67%、42%ではない）、丸めるのは表示のときだけです。",
             "Exact fractions are kept (5 of 12 = 41.67%, not 42%); rounding happens only for display."),
        concerns=("scoring:approach-deployment", "scoring:performance", "scoring:channel-performance",
                  "scoring:rule-50-75", "topic:level-rule", "topic:renewal"),
    ),
    Interpretation(
        "cuika-expansion",
        Text("CUIKAの略語", "The CUIKA acronym"),
        Text("ガイドはCUIKAの綴りを説明していません。",
             "The guide never spells the acronym out."),
        Text("Collected, Used, Integrity, Known, Achieved という説明がよく使われますが、出典で確認できていません。"
             "当サイトではその前提で紹介し、確認できていないことを明記します。",
             "It is often explained as Collected, Used, Integrity, Known, Achieved; we could not verify "
             "that from a source, and the site says so wherever it gives that expansion."),
        concerns=("topic:cuika",),
    ),
    Interpretation(
        "continuous-improvement",
        Text("継続的改善の判定", "When a metric shows continuous improvement"),
        Text("カテゴリ4.0は、目標に届いていなくても継続的に改善している指標に点を与えますが、"
             "どのような結果の動きを継続的な改善とみなすかをガイドは定めていません。",
             "Category 4.0 gives credit to metrics that miss their target but improve continuously; the guide "
             "never says which movement of the results counts as continuous improvement."),
        Text("既定では、利用者が指標ごとに改善中かどうかを付けます。指標表では代わりに月次結果から判定する規則を"
             "選べます: 直近3回の結果がどれも一つ前の結果より良い方向に動いていれば改善中とします。"
             "一度だけの好転や途中で後戻りした動きは数えず、表を見れば誰でも確かめられるからです。"
             "この規則を使ったときは、それで改善中になった指標を結果に示します。",
             "By default you mark each metric as improving or not. In the metrics table you can let the monthly "
             "results decide instead, by one rule: a metric is improving when each of its last three results moved "
             "in its better direction from the result before. One good month or a rise that slipped back does not "
             "count, and anyone can check the rule by eye in the table. When the rule is used, the result names "
             "the metrics it marked."),
        concerns=("topic:continuous-improvement", "topic:metrics-table", "scoring:performance",
                  "scoring:channel-performance", "scoring:rule-50-75", "topic:renewal"),
    ),
    Interpretation(
        "level-rule-reading",
        Text("レベル要求の二通りの読み方", "Two readings of the level rule"),
        Text("「要求指標の50%以上が、測定期間の3/4以上で目標を満たす」は二通りに読めます。"
             "(a) 指標ごとに3/4以上の月で目標を満たし、そのような指標が半数以上ある。"
             "(b) 月ごとに半数以上の指標が目標を満たし、そのような月が3/4以上ある。",
             "\u201cAt least 50% of the required metrics at target for at least 3/4 of the measurement period\u201d "
             "can be read two ways: (a) each metric is at target in at least 3/4 of the months, and at least half "
             "of the metrics manage that; (b) at least half of the metrics are at target in a month, and at least "
             "3/4 of the months manage that."),
        Text("(a) を既定とします。指標表では (b) に切り替えられ、二つの読み方で結論が分かれる単位（主体組織・拠点）を"
             "示します。結果のない月はその指標の測定月に数えません。期間中に結果が一つもない要求指標は、"
             "どちらの読み方でも目標未達として数えます。",
             "Reading (a) is the default. In the metrics table you can switch to (b), and it shows each unit (the "
             "entity or a site) where the two readings reach different verdicts. A month without a result is not a "
             "measured month for that metric; a required metric without any result in the period counts as not "
             "at target under both readings."),
        concerns=("topic:level-rule", "topic:metrics-table"),
    ),
    Interpretation(
        "metrics-from-table",
        Text("月次結果の表から件数を出す方法", "From a table of monthly results to counts"),
        Text("ガイドは目標達成や改善中の指標の割合で採点しますが、どの月の結果で目標達成を判断するか、"
             "CUIKAの「CUI」を満たさない指標を指標数に含めるか、更新審査の65%・75%をどの指標で数えるかは書いていません。",
             "The guide scores by the shares of metrics at target or improving, but does not say which month's "
             "result decides whether a metric is at target, whether a metric failing the \u201cCUI\u201d of CUIKA "
             "still counts among the metrics, or over which metrics the renewal's 65% and 75% are counted."),
        Text("各指標の最新の結果（結果のある最後の月）を目標と比べ、目標と等しければ達成とします。"
             "CUIを満たさない指標は指標数に含めたまま、目標達成にも改善中にも数えません。"
             "更新審査の割合は、4.6の対象とした指標で数えます。",
             "Each metric's latest result (its last month with a result) is compared with its target; a result "
             "equal to the target is at target. A metric failing CUI stays among the metrics but counts neither as "
             "at target nor as improving. The renewal's shares are counted over the metrics marked for 4.6."),
        concerns=("topic:metrics-table", "topic:cuika", "topic:renewal"),
    ),
    Interpretation(
        "kcrp-shared-target",
        Text("4.3・4.4で、一つの目標で管理されるKCRP指標", "KCRP metrics managed against one target (4.3/4.4)"),
        Text("指標リストは、主体組織またはクライアント単位で同じ目標を使って管理しているKCRP指標を、プログラム単位の"
             "数え方から除いています。除いた指標を別の単位で1件として数えるのか、4.3・4.4でまったく数えないのかは"
             "書かれていません。",
             "The metrics list leaves out of the per-program count the KCRP metrics managed against one target for "
             "the entity or for a client. It does not say whether such a metric then counts once at that level or "
             "not at all in 4.3/4.4."),
        Text("管理している単位（主体組織またはクライアント）で1件として数え、プログラムの数だけ重ねて数えません。",
             "It counts once, at the level that manages it (the entity or the client), never once per program."),
        concerns=("item:4.3", "item:4.4"),
    ),
    Interpretation(
        "rule-50-75-metrics",
        Text("4.6の50/75で数える指標", "The metrics 4.6's 50/75 rule counts"),
        Text("4.6の二つの割合の母数が、カテゴリ4.0のどの指標なのかは明記されていません。",
             "The guide does not spell out which category 4.0 metrics make up the two shares of 4.6."),
        Text("4.1〜4.5の採点対象指標リストにある指標すべてを数えます。クライアントが要求する指標も含め、"
             "複数のKCRPを合算した指標は一度だけ数えます。",
             "Every metric of the scored-metrics list for 4.1-4.5, client-required metrics included; a metric that "
             "combines several KCRPs counts once."),
        concerns=("item:4.6", "scoring:rule-50-75"),
    ),
    Interpretation(
        "renewal-category-4-level",
        Text("2年ごとの更新の条件5「カテゴリ4.0のレベル要求」",
             "Renewal condition 5: the category 4.0 level requirement"),
        Text("5つめの条件が求める「レベル」が、4.6の50ルールなのか、ほかの要求なのかは書かれていません。",
             "The guide does not say which requirement the fifth condition's \u201clevel\u201d refers to: "
             "the 50 rule of 4.6 or something else."),
        Text("4.6の50ルール（要求指標の50%以上が目標を達成）を満たしていることと読みます。計算ツールはこの条件を"
             "計算せず、満たしているかどうかを入力してもらいます。",
             "It is read as the 50 rule of 4.6 (at least 50% of the required metrics at target). The calculator "
             "does not compute it: you state whether it holds."),
        concerns=("topic:renewal",),
    ),
    Interpretation(
        "digital-only-4.3",
        Text("デジタルアシステッドチャネルだけの主体組織と4.3", "Digital-only scopes and 4.3"),
        Text("デジタルアシステッドチャネルのKCRPだけを運営する場合に適用されないことがある項目の一覧に、"
             "4.3（ヒューマンアシステッドチャネルのパフォーマンス）は入っていません。",
             "The list of items that may not apply when the entity runs only digital-assisted KCRPs does not "
             "include 4.3 (human-assisted channel performance)."),
        Text("ガイドの一覧どおり、4.3は持ち点に残します。外せるかどうかは監査チームに確認してください。",
             "The site follows the list: 4.3 stays in the applicable points. Whether it can be left out is a "
             "question for the audit team."),
        concerns=("topic:applicable-points",),
    ),
)


# --- Timeline: the guide's steps, durations, deadlines and windows (copc_cx.timeline) --------
#
# Every figure the timeline planner uses is here, once, with where the guide states it and what
# kind of figure it is: a FIXED rule (a deadline or an interval the guide sets), a TYPICAL duration
# (what the guide reports as usual, often with "about" or as a range: a plan built on it is
# indicative), or the site's own ASSUMPTION where the guide gives nothing. `vague` says, in our
# words, what the guide leaves open. The planner never types a number of its own.

PROCEDURE = "「COPC CX規格認証手順」"
PROCESS_PROCEDURE = "「COPC CX規格 プロセス認証手順」"
OUTCOMES = "「COPC CX規格の認証判定結果」"
RENEWAL_SECTION = "「認証更新審査」"
PROCESS_OUTCOMES = "「プロセス認証 認証判定結果」"
PROCESS_RENEWAL = "「COPCプロセス認証更新審査」"
PROCESS_FIRST_YEAR = "「COPCプロセス認証の活動期間（初年度）」"


class Basis(StrEnum):
    """What kind of figure a duration of the timeline is."""

    FIXED = "fixed"  # a rule of the guide: dates computed from it are exact
    TYPICAL = "typical"  # what the guide reports as usual or approximate: dates from it are indicative
    ASSUMPTION = "assumption"  # the site's own, where the guide gives no figure


class SpanUnit(StrEnum):
    """The unit of a duration."""

    MONTHS = "months"
    WEEKS = "weeks"
    DAYS = "days"
    HOURS = "hours"


@dataclass(frozen=True)
class Span:
    """One duration the guide gives: `value`, or the range `value`-`upper`."""

    id: str
    value: int
    unit: SpanUnit
    basis: Basis
    what: Text  # the rule or the fact, in our words
    reference: str  # where the guide states it
    upper: int | None = None  # the upper end of a range ("4-8 months")
    vague: Text | None = None  # what the guide leaves open, where it does
    about: bool = False  # the guide gives the figure as approximate ("about 3 months")


_M, _W, _D, _H = SpanUnit.MONTHS, SpanUnit.WEEKS, SpanUnit.DAYS, SpanUnit.HOURS
_FIXED, _TYPICAL = Basis.FIXED, Basis.TYPICAL

TIMELINE_SPANS: tuple[Span, ...] = (
    # how long the whole preparation takes
    Span("full-typical", 12, _M, _TYPICAL,
         Text("着実に取り組んだ場合の、認証審査までの一般的な期間",
              "Typical time to the certification audit with steady work"),
         PROCEDURE + "（9つのステップの図）",
         vague=Text("ガイドは9つのステップの図にこの期間を添えているだけで、どの日から数えるかは書いていません。"
                    "このサイトではキックオフから数えます。",
                    "The guide gives the figure beside its chart of the nine steps without saying from which day it "
                    "counts; the site counts it from the kickoff.")),
    Span("full-fastest", 8, _M, _TYPICAL,
         Text("これまでに最も早く認証審査に至った期間（規則ではなく実績）",
              "The quickest route to the audit so far (a record, not a rule)"),
         PROCEDURE + "（9つのステップの図）",
         vague=Text("実績の値で、どの日から数えるかは書かれていません。このサイトではキックオフから数えます。",
                    "A record rather than a rule, with no stated starting day; the site counts it from the kickoff.")),
    Span("process-work", 4, _M, _TYPICAL,
         Text("プロセス認証に向けて取り組む一般的な期間（対象項目の数と主体組織の複雑さによる）",
              "Typical time spent working towards process certification (depends on the number of items and on "
              "the entity's complexity)"),
         PROCESS_FIRST_YEAR, upper=8,
         vague=Text("幅のある目安で、起点も書かれていません。このサイトの計画は上限の8か月をキックオフから数えます。",
                    "A range with no stated starting day; the site's plan takes its upper end, counted from the "
                    "kickoff.")),
    Span("kickoff-to-baseline", 1, _M, Basis.ASSUMPTION,
         Text("キックオフからベースラインアセスメントまでの間隔（このサイトの仮定）",
              "Interval from the kickoff to the baseline assessment (the site's assumption)"),
         "（ガイドに記載なし。このサイトの「認証取得までのステップ」の計画例による）",
         vague=Text("ガイドはこの間隔を示していません。ベースラインの日程が決まっていれば、その日付を入力してください。",
                    "The guide gives no interval here; enter the baseline's date once it is booked.")),
    # deadlines and review points before the audit
    Span("audit-after-baseline", 18, _M, _FIXED,
         Text("助言サポートを終え、認証審査を受ける期限（ベースラインアセスメントから）",
              "Limit for ending advisory support and taking the certification audit, counted from the baseline"),
         PROCEDURE + " Step 5"),
    Span("process-audit-after-baseline", 18, _M, _FIXED,
         Text("助言サポートを終え、プロセス認証審査を受ける期限（ベースラインアセスメントから）",
              "Limit for ending advisory support and taking the process-certification audit, counted from the "
              "baseline"),
         PROCESS_PROCEDURE + " Step 5"),
    Span("stress-test-after-baseline", 12, _M, _FIXED,
         Text("ベースラインから12か月以上たっていることは、ストレステストが特に役立つ場合の例の一つ",
              "Twelve months or more since the baseline is one of the guide's examples of when a stress test "
              "helps most"),
         PROCEDURE + " Step 7"),
    Span("review-before-audit", 3, _M, _TYPICAL,
         Text("COPC監査チームが内部監査とパフォーマンスデータを確認する時期（認証審査の前）",
              "When the COPC audit team checks the internal audit and the performance data, before the audit"),
         PROCEDURE + " Step 8", about=True,
         vague=Text("ガイドは「約」3か月前までとしています。計画上の日付は目安です。",
                    "The guide says about 3 months before; the plan's date is a guide, not a deadline.")),
    Span("process-data-before-audit", 2, _M, _TYPICAL,
         Text("COPC監査チームがパフォーマンスデータを評価し、審査日を確定する時期（プロセス認証審査の前）",
              "When the COPC audit team evaluates the performance data and fixes the audit date, before the "
              "process-certification audit"),
         PROCESS_PROCEDURE + " Step 8", about=True,
         vague=Text("ガイドは「約」2か月前までとしています。計画上の日付は目安です。",
                    "The guide says about 2 months before; the plan's date is a guide, not a deadline.")),
    Span("process-recent-audit", 18, _M, _FIXED,
         Text("この期間にCOPCの監査（ベースライン、認証審査、ストレステスト）を受けていれば、"
              "プロセス認証のStep 4は不要",
              "A COPC audit (baseline, certification audit or stress test) within this period makes step 4 of "
              "process certification unnecessary"),
         PROCESS_PROCEDURE),
    # after the audit: pending status
    Span("correction", 90, _D, _FIXED,
         Text("申請中の主体組織が不適合を是正する期間（認証審査から）",
              "Period in which a pending entity corrects its nonconformities, from the audit"),
         OUTCOMES),
    Span("process-correction", 90, _D, _FIXED,
         Text("申請中の主体組織が不適合を是正する期間（プロセス認証審査から）",
              "Period in which a pending entity corrects its nonconformities, from the process-certification audit"),
         PROCESS_OUTCOMES),
    Span("review-sessions", 30, _D, _FIXED,
         Text("是正の確認に求められることがあるレビューセッション（30日、60日、90日）",
              "Review sessions that may be asked for to confirm the correction (at 30, 60 and 90 days)"),
         OUTCOMES + "; " + PROCESS_OUTCOMES, upper=90,
         vague=Text("必ず開かれるとは限らず、約1日の追加監査になる場合もあります。",
                    "They are not always held; a follow-up audit of about a day may be asked for instead.")),
    Span("pending-limit", 18, _M, _FIXED,
         Text("是正が90日で終わらなかった場合に申請中を保つため、ベースラインアセスメントか認証審査を受ける期限（認証審査から）",
              "Limit for a baseline assessment or a new certification audit that keeps the pending status when "
              "90 days were not enough, counted from the audit"),
         OUTCOMES),
    Span("process-pending-limit", 12, _M, _FIXED,
         Text("是正が90日で終わらなかった場合に申請中を保つため、ベースラインアセスメントかプロセス認証審査を受ける期限"
              "（審査から）",
              "Limit for a baseline assessment or a new process-certification audit that keeps the pending status "
              "when 90 days were not enough, counted from the audit"),
         PROCESS_OUTCOMES),
    # renewal of full certification
    Span("renewal-interval", 12, _M, _FIXED,
         Text("更新審査の間隔（認証の応当日ごと）", "Interval of renewal audits (each anniversary of certification)"),
         RENEWAL_SECTION),
    Span("renewal-window", 30, _D, _FIXED,
         Text("更新審査を行う期間（応当日から）", "Window for the renewal audit, from the anniversary"),
         RENEWAL_SECTION,
         vague=Text("ガイドは応当日「から」30日以内としています。このサイトは、応当日とその後の30日間と読みます。",
                    "The guide says within 30 days from the anniversary; the site reads this as the anniversary "
                    "and the 30 days after it.")),
    Span("two-year-interval", 24, _M, _FIXED,
         Text("5つの条件をすべて満たすときの、現地での更新審査の間隔",
              "Interval of on-site renewal audits when all five conditions hold"),
         RENEWAL_SECTION,
         vague=Text("条件は「直近の更新審査」について問うため、このサイトでは最初の更新審査の後から2年間隔とします。",
                    "The conditions ask about the last renewal audit, so the site applies the two-year interval "
                    "only after the first one.")),
    Span("document-review-window", 30, _D, _FIXED,
         Text("2年間隔の間の年に、PSTと内部監査資料による書面の更新審査を受ける期間（直近の更新審査の応当日から）",
              "Window for the document review (PST and internal-audit records) in the year between, from the "
              "anniversary of the last renewal audit"),
         RENEWAL_SECTION),
    Span("renewal-correction", 90, _D, _FIXED,
         Text("更新審査で不適合が見つかったときの是正期間",
              "Correction period after a nonconformity at a renewal audit"),
         RENEWAL_SECTION),
    Span("renewal-last-chance", 30, _D, _FIXED,
         Text("90日で是正できなかったとき、認証を保つための更新審査を受ける期間（90日の後）",
              "Window, after the 90 days, for a renewal audit that keeps certification when the correction was "
              "not done"),
         RENEWAL_SECTION),
    # renewal of process certification
    Span("process-renewal-interval", 12, _M, _FIXED,
         Text("プロセス認証の現地での更新審査の間隔", "Interval of on-site renewal audits of process certification"),
         PROCESS_RENEWAL,
         vague=Text("日付の前後の許容期間は書かれていません。日程はCOPCと調整してください。",
                    "The guide gives no window around the date; agree it with COPC.")),
    Span("process-renewal-correction", 30, _D, _FIXED,
         Text("プロセス認証の更新審査で不適合が見つかったときの是正期間（その間は認証が保たれる）",
              "Correction period after a nonconformity at a process-certification renewal audit (the status is "
              "kept meanwhile)"),
         PROCESS_RENEWAL),
    # how long each event lasts (shown in the plan's notes; the plan dates each event by its first day)
    Span("process-kickoff-length", 1, _D, _TYPICAL, Text("キックオフの長さ", "Length of the kickoff"),
         PROCESS_PROCEDURE + " Step 2", upper=2),
    Span("kickoff-session", 2, _H, _TYPICAL,
         Text("推進担当チームとのセッションの長さ", "Length of the session with the implementation team"),
         PROCEDURE + " Step 2"),
    Span("leader-course", 1, _W, _FIXED,
         Text("CXパフォーマンスリーダーの研修コース（修了試験の合格ラインは90%）",
              "The CX Performance Leader course (the final exam's pass mark is 90%)"),
         PROCEDURE + " Step 3"),
    Span("baseline-length", 4, _D, _TYPICAL, Text("ベースラインアセスメントの長さ（複数の監査員）",
                                                   "Length of the baseline assessment (several auditors)"),
         PROCEDURE + " Step 4", upper=5),
    Span("process-baseline-length", 2, _D, _TYPICAL,
         Text("ベースラインアセスメントの長さ（監査員2名）", "Length of the baseline assessment (2 auditors)"),
         PROCESS_PROCEDURE + " Step 4", upper=4),
    Span("improvement-horizon", 9, _M, _TYPICAL,
         Text("ベースラインで示される改善策が対象とする期間", "Period the baseline's recommended improvements cover"),
         PROCEDURE + " Step 4", upper=12),
    Span("process-improvement-horizon", 4, _M, _TYPICAL,
         Text("ベースラインで示される改善策が対象とする期間", "Period the baseline's recommended improvements cover"),
         PROCESS_PROCEDURE + " Step 4", upper=8),
    Span("advisory-cadence", 2, _W, _TYPICAL,
         Text("助言サポートの間隔（毎回半日〜1日）",
              "Interval between advisory-support sessions (half a day to a day each)"),
         PROCEDURE + " Step 5; " + PROCESS_PROCEDURE + " Step 5", upper=3),
    Span("stress-test-length", 2, _D, _TYPICAL, Text("ストレステストの長さ", "Length of the stress test"),
         PROCEDURE + " Step 7", upper=3),
    Span("review-length", 2, _H, _TYPICAL,
         Text("CXパフォーマンスリーダーとCOPC監査チームによるレビューの長さ",
              "Length of the review with the CX Performance Leader"),
         PROCEDURE + " Step 8", about=True,
         vague=Text("長さは「程度」とされる目安です。", "The guide gives the length as approximate.")),
    Span("audit-length", 3, _D, _TYPICAL, Text("認証審査の長さ（認定監査員2〜3名）",
                                               "Length of the certification audit (2-3 certified auditors)"),
         PROCEDURE + " Step 9", upper=5),
    Span("process-audit-length", 2, _D, _TYPICAL, Text("プロセス認証審査の長さ（認定監査員2〜3名）",
                                                       "Length of the process-certification audit (2-3 certified "
                                                       "auditors)"),
         PROCESS_PROCEDURE + " Step 9", upper=4),
    Span("process-renewal-length", 1, _D, _TYPICAL, Text("プロセス認証の更新審査の長さ（現地）",
                                                         "Length of a process-certification renewal audit (on site)"),
         PROCESS_RENEWAL, upper=3),
)

TIMELINE: dict[str, Span] = {s.id: s for s in TIMELINE_SPANS}


class StepNeed(StrEnum):
    REQUIRED = "required"
    OPTIONAL = "optional"
    RECOMMENDED = "recommended"  # optional, but the guide urges it
    CONDITIONAL = "conditional"  # required only in some cases (process certification's step 4)


@dataclass(frozen=True)
class Step:
    number: int
    name: Text
    need: StepNeed
    reference: str


_REQ, _OPT, _REC = StepNeed.REQUIRED, StepNeed.OPTIONAL, StepNeed.RECOMMENDED

# The nine steps of full certification; steps 2 and 6 are optional, 7 optional but urged.
CERTIFICATION_STEPS: tuple[Step, ...] = (
    Step(1, Text("主体組織の定義", "Define the entity"), _REQ, PROCEDURE + " Step 1"),
    Step(2, Text("キックオフミーティングとワークショップ", "Kickoff meeting and workshop"), _OPT,
         PROCEDURE + " Step 2"),
    Step(3, Text("CXパフォーマンスリーダー資格の取得", "Qualify CX Performance Leaders"), _REQ, PROCEDURE + " Step 3"),
    Step(4, Text("ベースラインアセスメント", "Baseline assessment"), _REQ, PROCEDURE + " Step 4"),
    Step(5, Text("ギャップを埋める仕組みづくり（助言サポート）", "Close the gaps (advisory support)"), _REQ,
         PROCEDURE + " Step 5"),
    Step(6, Text("マネジメント研修（HPMT）", "Management training (HPMT)"), _OPT, PROCEDURE + " Step 6"),
    Step(7, Text("ストレステスト（試験的なサンプル監査）", "Stress test (a trial sample audit)"), _REC,
         PROCEDURE + " Step 7"),
    Step(8, Text("内部監査とCOPC監査チームによるレビュー", "Internal audit and COPC review"), _REQ,
         PROCEDURE + " Step 8"),
    Step(9, Text("認証審査", "Certification audit"), _REQ, PROCEDURE + " Step 9"),
)

# The nine steps of process certification: step 6 is COPC's approval of the approach, 7 the
# management training; 2 and 7 are urged but optional, 4 only without a recent COPC audit.
PROCESS_STEPS: tuple[Step, ...] = (
    Step(1, Text("主体組織の定義", "Define the entity"), _REQ, PROCESS_PROCEDURE + " Step 1"),
    Step(2, Text("キックオフミーティングとワークショップ", "Kickoff meeting and workshop"), _REC,
         PROCESS_PROCEDURE + " Step 2"),
    Step(3, Text("CXパフォーマンスリーダー資格の取得", "Qualify CX Performance Leaders"), _REQ,
         PROCESS_PROCEDURE + " Step 3"),
    Step(4, Text("ベースラインアセスメント", "Baseline assessment"), StepNeed.CONDITIONAL,
         PROCESS_PROCEDURE + " Step 4"),
    Step(5, Text("ギャップを埋める取り組み（助言サポート）", "Close the gaps (advisory support)"), _REQ,
         PROCESS_PROCEDURE + " Step 5"),
    Step(6, Text("COPCによるアプローチの承認", "COPC approves the approach"), _REQ, PROCESS_PROCEDURE + " Step 6"),
    Step(7, Text("マネジメント研修（HPMT）", "Management training (HPMT)"), _REC, PROCESS_PROCEDURE + " Step 7"),
    Step(8, Text("パフォーマンスデータの提出とCOPCによる評価", "Performance data sent and evaluated by COPC"), _REQ,
         PROCESS_PROCEDURE + " Step 8"),
    Step(9, Text("プロセス認証審査", "Process-certification audit"), _REQ, PROCESS_PROCEDURE + " Step 9"),
)
