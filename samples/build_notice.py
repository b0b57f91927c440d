"""Build samples/notice.docx: a faithful Word-style reproduction of the 2025 notice.

The reference is ../shared/seed/notice-2025-8.txt, a text dump of the real
notice. Every paragraph of the dump is reproduced in order, and the
attachment's task table is written as Word writes it: a repeating header row
(w:tblHeader), section rows as one cell spanning all five columns
(w:gridSpan), subsection cells merged down over their rows (w:vMerge restart,
then bare <w:vMerge/> continuations), one paragraph per unit where the dump
breaks a cell over lines, and truly empty cells where the dump has none.
Fonts follow GB/T 9704-2012 (方正小标宋简体 title, 仿宋_GB2312 body,
黑体 for 附件 and the section rows).

Run:  python samples/build_notice.py [OUT.docx]   (default: samples/notice.docx)

The output is deterministic: the zip entries carry a fixed timestamp and the
core properties a fixed date, so rebuilding gives the same bytes.
"""

from __future__ import annotations

import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
TABLE_SIZE = Pt(12)  # 小四, as offices set attachment tables

# Grid column widths of the table in twentieths of a point (A4 portrait text width).
GRID = [1800, 1500, 1600, 3700, 1100]


class _Merged:
    """A cell covered by a vertical merge with the cell above (w:vMerge continue)."""

    def __repr__(self) -> str:
        return "MERGED"


MERGED = _Merged()
Cell = str | list[str] | _Merged


@dataclass(frozen=True)
class Section:
    """A section row (一、…): one cell spanning the whole table."""

    title: str


@dataclass(frozen=True)
class Row:
    """A task row: subsection, lead, responsible, requirement, deadline.

    A list is one paragraph per item; an empty string is a truly empty cell.
    """

    subsection: Cell
    lead: Cell
    responsible: Cell
    requirement: str
    deadline: str


FRONT_MATTER: list[tuple[str, str]] = [
    *[("blank", "")] * 7,
    ("doc_number", "济高新管办字〔2025〕8号"),
    ("blank", ""),
    ("blank", ""),
    ("issuer", "济宁高新区管委会办公室"),
    ("title", "[bookmark: BKsubject][bookmark: Content]关于印发济宁高新区贯彻落实2025年济宁市"),
    ("title", "政务公开任务分解表的通知"),
    ("blank", ""),
    ("addressees", "各街道办事处，区直各部门、驻区各单位："),
    ("body", "为贯彻落实《山东省人民政府办公厅关于印发2025年山东省政务公开工作要点的通知》（鲁政办发〔2025〕5号）、《济宁市人民政府办公室关于印发济宁市贯彻落实2025年山东省政务公开工作要点任务分解表的通知》（济政办字〔2025〕9号）精神，结合我区实际，对2025年政务公开任务进行分解，经高新区管委会同意，现将《高新区贯彻落实2025年济宁市政务公开任务分解表》印发给你们，并提出如下意见，请结合实际认真贯彻执行。"),
    ("body", "一、加强组织领导。各牵头部门要加强统筹协调，对所牵头的责任事项逐个研究推进，充分发挥政务公开“促落实、优服务、强监管”作用，助力我区各项重点工作高效推进、取得实效。各责任单位要做好协作配合，全力支持牵头部门工作，切实形成工作合力，确保严格按照时间节点完成目标任务。"),
    ("body", "二、积极推进落实。各街道、各部门单位要对照重点任务和职责分工，抓紧梳理形成本地区、本单位工作台账，明确责任主体和时限要求，逐项推动落实。任务落实情况要纳入政府信息公开工作年度报告予以公开，接受社会监督。要全面优化主动公开、依申请公开工作机制，加强政策解读回应，探索利用人工智能、大数据等新技术为工作赋能增效，持续推进政务公开向规范化、数字化转型。"),
    ("body", "三、强化保障机制。加大业务骨干培养力度，强化学习政务公开规章制度、知识技能，以实效、实用、实操为导向，增强公开意识，提高公开本领，培养一批既懂公开业务又懂网站技术的复合型人才，进一步提高政务公开队伍的专业化水平。"),
    ("blank", ""),
    ("attachment_note", "附件：济宁高新区贯彻落实2025年济宁市政务公开任务分解表"),
    ("blank", ""),
    ("signature", "济宁高新区管委会办公室"),
    ("date", "2025年6月16日"),
    ("disclosure", "（此件公开发布）"),
    ("attachment_label", "附件"),
    ("attachment_title", "济宁高新区贯彻落实2025年济宁市政务公开任务分解表"),
]

HEADER = ["工作任务", "牵头部门", "责任单位", "具体要求", "完成时限"]

TABLE: list[Section | Row] = [
    Section('一、坚持标准引领，持续推进政务公开规范转型'),
    Row('（一）全面优化主动公开机制', '区党政办公室', '区直各部门、驻区各单位，各街道',
        '持续完善并动态更新主动公开事项目录，建立较为完备的主动公开事项目录体系。',
        '3月底前'),
    Row(MERGED, '区直各部门、驻区各单位，各街道', '——',
        '探索将主动公开事项目录嵌入部门业务系统，固化到现有业务流程，促进公开与业务融合发展。',
        '12月底前'),
    Row(MERGED, '区党政办公室', '——',
        '积极探索开展“已公开信息管理规范化”试点，明确不同类型信息在管委会网站、政务新媒体等渠道的公开时限，探索制定已公开信息的管理规范。',
        '12月底前'),
    Row(MERGED, '各街道', '——',
        '推动基层政务公开向农村和社区延伸，探索适合基层特点的公开渠道，实现与村（居）务公开衔接协同。',
        '12月底前'),
    Row('（二）依法规范依申请公开办理工作', '区直各部门、驻区各单位，各街道', '——',
        '巩固深化“依申请公开质效提升年”成果，规范做好依申请公开全流程办理，完善配套制度，畅通受理渠道。在申请受理、办理、审核、答复、送达、归档等各环节，明确具体责任及工作要求，着力提高依申请公开办理工作人员的专业能力和业务水平。',
        '长期坚持'),
    Row(MERGED, MERGED, '——',
        '强化服务理念，注重办理过程中与申请人的沟通，推动多级协同联动，实质解决申请人的诉求问题。定期组织依申请公开联合会商，分析典型案例，研究疑难、复杂申请件的办理工作。',
        '长期坚持'),
    Row(MERGED, ['区自然资源和规划分局', '区城乡建设和交通局', '区党工委组织部（人力资源部）'], '各街道',
        '推动征地拆迁、物业管理、社会保障等申请较为集中领域的政府信息转化为以主动公开的方式在特定范围内公开。',
        '12月底前'),
    Row('（三）着力加强政策解读回应', '区直各部门、驻区各单位', '各街道',
        '坚持政策解读与政策制定同步谋划、同步安排，将政策解读作为政策文件审签的重要一环，与政策文件同步录入济宁市政府文件库，并做好关联展示。',
        '长期坚持'),
    Row(MERGED, '区直各部门、驻区各单位', '各街道',
        '建立健全政策全周期解读工作机制，规范做好政策出台前的草案解读，全方位多角度加强政策发布阶段的深入解读，探索开展政策实施后的二次解读、跟踪解读。',
        '长期坚持'),
    Row(MERGED, '区党政办公室', '区直各部门、驻区各单位',
        '落实政府政策例行吹风会机制，权威解读重要政策，主动回应社会关切，合理引导社会预期。',
        '长期坚持'),
    Row(MERGED, '区党政办公室', '区直各部门、驻区各单位，各街道',
        '研究制定政策解读工作指引或规范，提供政策解读内容、重点、形式等方面的指导。',
        '9月底前'),
    Row(MERGED, '区直各部门、驻区各单位，各街道', '——',
        '按照“谁主管谁回应、谁处置谁回应”的原则，严格落实政务舆情回应处置主体责任，推动出台具体措施解决舆情背后的实际问题。',
        '12月底前'),
    Row('（四）持续提升公众参与实效', '区直有关部门、驻区有关单位', '各街道',
        '做好重大行政决策事项目录发布和动态调整，健全政策制定公众参与机制，重点提高基层重大决策的公众参与水平。',
        '12月底前'),
    Row(MERGED, '区直各部门、驻区各单位', '各街道',
        '建立健全政策执行情况评估机制，围绕政策落实情况、效益满意度、可持续性等，开展政策实施效果评价，加强跟踪问效。',
        '12月底前'),
    Row(MERGED, '区党政办公室', '区直各部门、驻区各单位，各街道',
        '积极组织开展政府开放活动，形成规模效应。',
        '10月底前'),
    Row(MERGED, '区直各部门、驻区各单位，各街道', '——',
        '鼓励以公开征集意见方式，确定政府开放活动主题和场次，推动政府开放活动常态化。政府开放活动要通过现场参观、互动体验、政策解读、座谈交流、问卷调查等形式，加强与公众的互动交流，提升公众参与实效。',
        '12月底前'),
    Row(MERGED, '区党政办公室', '区直各部门、驻区各单位',
        '开展区直机关“政府开放月”系列活动，打造有特色、有影响力的区级“政府开放月”活动品牌。',
        '9月底前'),
    Row('（五）统筹规范政务公开专区建设', '区直有关部门、驻区有关单位', '各街道',
        '要依托政务服务大厅、便民服务中心等，务实建设政务公开专区，完善配套管理制度和运行机制，积极开展政策现场解读、综合政策咨询等活动，提高政务公开专区利用率和知晓度。',
        '12月底前'),
    Row(MERGED, ['区城乡建设和交通局', '区经济运行局', '区党政办公室（宣传）', '区发展软环境和保障局'], '各街道',
        '积极探索推动政务公开专区建设向大型商超、客运枢纽、旅游景区、综合医院等公共场所延伸。',
        '12月底前'),
    Section('二、强化数字赋能，全力助推政务公开提质增效'),
    Row('（六）积极推进政务公开数字化转型。', '区党政办公室', '区直各部门、驻区各单位，各街道',
        '探索利用人工智能、大数据、区块链等新技术，建立信息发布精准化、解读回应高效化、信息管理精细化、公开平台智能化的新型政务公开模式，加快政务公开数字化转型。',
        '12月底前'),
    Row(MERGED, '区党政办公室', '区直各部门、驻区各单位，各街道',
        '基于人工智能技术开展政务数据分析和研判，精准把握企业群众需求，开发智能问答、精确查找、办事咨询等政策服务场景，以数字化赋能政务公开，辅助政府提高决策水平和社会治理能力。',
        '12月底前'),
    Row('（七）全力打造各级政策集中发布窗口', '区直各部门、驻区各单位', '——',
        '在集中公开现行有效的政府规章、行政规范性文件和其他文件并动态更新的基础上，增加历次修订文本，实现现行有效文件和历次修订文本的关联展示，全面展现历史沿革。',
        ''),
    Row(MERGED, '区直各部门、驻区各单位', '——',
        '加快推进政策专题应用场景建设，实施跨层级、跨部门的政策集成式发布。',
        '12月底前'),
    Row(MERGED, '区党政办公室', '——',
        '积极探索开展“政府公报数字化转型”试点，开通网络版政府公报订阅渠道，合理减少纸质版政府公报印发数量。',
        '12月底前'),
    Row('（八）优化升级政务公开平台建设', '区党政办公室', '区直各部门、驻区各单位，各街道',
        '加强政府网站和政务新媒体集约建设、规范管理、融合发展，完善开关、备案、检查、监管等制度，建立重大事项沟通交流和问题处置协调联动机制。',
        '12月底前'),
    Row(MERGED, MERGED, MERGED,
        '探索引入新技术，优化升级网站功能，不断提高用户体验。',
        '12月底前'),
    Row(MERGED, MERGED, MERGED,
        '持续整治数字形式主义，深化政务新媒体“瘦身提质”。强化日常监管和季度检查，做好“我为政府网站找错”留言办理、重要信息转发等工作。',
        '12月底前'),
    Row(MERGED, MERGED, MERGED,
        '对照主动公开事项目录，及时调整完善政府网站法定主动公开内容有关栏目。建立健全已公开信息安全巡查机制，每季度集中清理一次不当公开的各类信息。',
        '12月底前'),
    Section('三、围绕重点工作，更好发挥政务公开功能作用'),
    Row('（九）以高质量公开促进政策落实', ['区经济运行局', '区党政办公室（宣传）', '区发展软环境和保障局'], '各街道',
        '围绕实施提振消费行动，加强消费品以旧换新、服务消费、文化旅游消费、健康消费、消费环境等方面配套措施的宣传推广，及时公开落实成效和典型经验。',
        '12月底前'),
    Row(MERGED, '区城乡建设和交通局', '各街道',
        '加强购房补贴奖励、城市更新支持等方面的政策发布和解读，持续做好保障性住房、老旧小区改造等领域信息公开。',
        '12月底前'),
    Row(MERGED, '区党工委组织部（人力资源部）', '各街道',
        '围绕高校毕业生、农村劳动力等重点人群，加大就业帮扶、职业技能培训、社会保险待遇等政策解读和信息推送力度，分类归集发布重点产业企业用工需求。',
        '12月底前'),
    Row(MERGED, '区发展软环境和保障局', '各街道',
        '重点推进学前教育、义务教育、特殊教育、职业教育、民办教育等方面信息公开，助力教育优质均衡发展。',
        '12月底前'),
    Row(MERGED, '区发展软环境和保障局', '各街道',
        '加强养老服务扶持政策和养老机构监管信息公开。',
        '12月底前'),
    Row(MERGED, '区发展软环境和保障局', '各街道',
        '逐步落实城市医疗集团和紧密型县域医共体建设信息公开。',
        '12月底前'),
    Row(MERGED, '区党工委组织部（人力资源部）', '各街道',
        '精准做好异地就医报销政策宣传。',
        ''),
    Row(MERGED, '区党政办公室（宣传）', '各街道',
        '优化旅游公共信息发布服务，加强旅游出行风险预警提示。',
        '12月底前'),
    Row('（十）以高质量公开优化政务服务', '区行政审批服务局', '各街道',
        '围绕“高效办成一件事”，规范发布本地区政务服务事项目录、办事指南和中介服务事项清单，推动政务服务事项集成式、一站式公开。',
        '12月底前'),
    Row(MERGED, ['区发展改革局', '区行政审批服务局', '区党政办公室'], '各街道',
        '升级“惠企通”平台，推动政策直达快享、免申即享。',
        '12月底前'),
    Row(MERGED, ['区发展改革局', '区经济运行局', '区市场监管局'], '各街道',
        '密切跟踪全国统一的市场准入负面清单，根据动态调整情况做好清单事项内容、主管部门等信息的更新发布。加强市场监管制度规则公开，及时公开建设高标准市场体系政策措施。',
        '12月底前'),
    Row(MERGED, ['区党政办公室', '区行政审批服务局'], '各街道',
        '依托企业家会客厅等平台，开展“我为营商环境建言献策”活动，广泛听取各类经营主体、商（协）会、专家学者等意见建议。',
        '12月底前'),
    Row('（十一）以高质量公开强化监督管理', '区直各部门、驻区各单位', '——',
        '持续做好权责清单依法公开和动态更新。',
        '12月底前'),
    Row(MERGED, '区直各部门、驻区各单位', '——',
        '规范招投标信息公开，加大招标公告、中标合同、履约信息公开力度，招标公告要载明招标投标行政监督部门。',
        '12月底前'),
    Row(MERGED, '区生态环境分局', '——',
        '将排污单位和第三方治理、运维、检测机构弄虚作假行为纳入信用记录，定期依法向社会公布。及时公布重污染天气应急等信息，引导公众做好重污染天气期间的健康防护。',
        '12月底前'),
    Row(MERGED, '区直有关部门、驻区有关单位', '——',
        '动态更新并及时公开本地区执行的行政事业性收费和政府性基金目录清单。',
        '12月底前'),
    Row(MERGED, '区直有关部门、驻区有关单位', '——',
        '严格落实行政执法公示制度，规范涉企行政执法行为，按照规定公布行政检查事项、行政检查计划等内容。',
        '12月底前'),
    Row(MERGED, ['区发展软环境和保障局', '区城乡建设和交通局'], '——',
        '深化公共企事业单位信息公开，强化监督管理，规范公开内容，统一公开目录，加强信息公开咨询窗口建设。',
        '12月底前'),
    Section('四、健全工作机制，全面夯实政务公开工作基础'),
    Row('（十二）健全工作机制', '区直各部门、驻区各单位，各街道', '——',
        '各街道各部门单位要加强对政务公开工作的统筹协调，及时研究解决问题。',
        '长期坚持'),
    Row(MERGED, '区党政办公室', '各街道',
        '政务公开工作主管部门要认真履行责任，及时完善相关制度，配齐配强人员力量，有力有序推进政务公开各项工作落实。',
        '长期坚持'),
    Row(MERGED, '区直各部门、驻区各单位，各街道', '——',
        '对照新时代政务公开工作部署要求，结合当前面临新的形势任务，主动适应信息化发展趋势，有序开展配套制度规范清理和制定、修订工作。',
        '12月底前'),
    Row(MERGED, '区直各部门、驻区各单位，各街道', '——',
        '加强工作调研和经验交流，将“请进来”与“走出去”相结合，充分学习借鉴兄弟地市及省外先进经验做法。',
        '12月底前'),
    Row(MERGED, '区直各部门、驻区各单位，各街道', '——',
        '认真学习政务公开有关行政法规，并纳入领导干部培训和公务员初任培训内容。',
        '12月底前'),
    Row(MERGED, '区党政办公室', '——',
        '围绕主动公开、依申请公开、政策解读、平台建设、公共企事业单位信息公开等专项工作，组织直达基层的专题培训指导。',
        '12月底前'),
    Row(MERGED, '区党政办公室', '区直各部门、驻区各单位，各街道',
        '对照全省政务公开和公共企事业单位信息公开效能监测指标，梳理工作内容，重点提升关键指标，全面提升政务公开工作水平。',
        '12月底前'),
    Row('[bookmark: _GoBack]（十三）强化引领作用', '区党政办公室', '区直各部门、驻区各单位，各街道',
        '围绕政策解读、依申请公开、政府网站和政务新媒体建设管理、政策专题应用场景建设等重点工作，深入挖掘典型案例和经验做法，组织开展交流分享活动，发挥示范引领作用，推动全市政务公开提质增效。',
        '12月底前'),
    Row(MERGED, '区直各部门、驻区各单位，各街道', '——',
        '深化政务公开品牌建设，丰富和延伸品牌内涵，打造一批具有高新特色的公开品牌，进一步提升高新区政务公开工作的影响力。',
        '12月底前'),
    Row(MERGED, '区直各部门、驻区各单位，各街道', '——',
        '认真总结政务公开工作先进经验和典型做法，积极向“政务公开看山东”公众号投稿，不断提升组稿质量水平，确保报送稿件有深度、有内容。',
        '12月底前'),
]

_BOOKMARK = re.compile(r"\[bookmark: ([^\]]+)\]")
_FIXED_ZIP_TIME = (2025, 6, 16, 9, 0, 0)


def set_run_font(run, font: str, size: Pt, *, bold: bool = False) -> None:
    """Set Latin and East Asian fonts: python-docx only sets w:ascii/w:hAnsi."""
    run.font.name = font
    run.font.size = size
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def add_bookmark(paragraph, name: str, bookmark_id: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    paragraph._p.append(start)
    paragraph._p.append(end)


class Builder:
    """Writes the notice into a python-docx Document, numbering bookmarks as it goes."""

    def __init__(self) -> None:
        self.doc = Document()
        self.bookmark_id = 0
        self._setup_page()

    def _setup_page(self) -> None:
        # GB/T 9704: A4, top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        normal = self.doc.styles["Normal"]
        normal.font.name = BODY_FONT
        normal.font.size = BODY_SIZE
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
        core = self.doc.core_properties
        core.title = FRONT_MATTER[11][1]
        core.author = "济宁高新区管委会办公室"
        from datetime import datetime

        core.created = core.modified = datetime(2025, 6, 16, 9, 0, 0)
        core.revision = 1

    def text_with_bookmarks(self, paragraph, text: str) -> str:
        """Turn `[bookmark: NAME]` prefixes of the dump into real w:bookmarkStart/End."""
        for name in _BOOKMARK.findall(text):
            self.bookmark_id += 1
            add_bookmark(paragraph, name, self.bookmark_id)
        return _BOOKMARK.sub("", text)

    def paragraph(self, kind: str, text: str) -> None:
        p = self.doc.add_paragraph()
        fmt = p.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        text = self.text_with_bookmarks(p, text)
        font, size, bold, color = BODY_FONT, BODY_SIZE, False, None
        if kind in ("doc_number", "title", "attachment_title"):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if kind == "issuer":
            # 发文机关标志: red, large, centred.
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            font, size, color = TITLE_FONT, Pt(26), RGBColor(0xE6, 0x00, 0x12)
        elif kind in ("title", "attachment_title"):
            font, size = TITLE_FONT, TITLE_SIZE
        elif kind == "body":
            fmt.first_line_indent = Pt(32)  # two characters
        elif kind == "attachment_note":
            fmt.first_line_indent = Pt(32)
        elif kind in ("signature", "date"):
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            fmt.right_indent = Pt(64)
        elif kind == "disclosure":
            fmt.first_line_indent = Pt(32)
        elif kind == "attachment_label":
            # 附件 starts a new page, in 黑体, flush left.
            p.add_run().add_break(_page_break())
            font = HEADING_FONT
        if text:
            run = p.add_run(text)
            set_run_font(run, font, size, bold=bold)
            if color is not None:
                run.font.color.rgb = color

    def table(self) -> None:
        body = self.doc.element.body
        tbl = OxmlElement("w:tbl")
        tbl.append(_tbl_pr())
        grid = OxmlElement("w:tblGrid")
        for width in GRID:
            col = OxmlElement("w:gridCol")
            col.set(qn("w:w"), str(width))
            grid.append(col)
        tbl.append(grid)
        tbl.append(self._row([_cell(self, [t], GRID[i], font=HEADING_FONT, center=True)
                              for i, t in enumerate(HEADER)], header=True))
        for entry in TABLE:
            if isinstance(entry, Section):
                cell = _cell(self, [entry.title], sum(GRID), font=HEADING_FONT, span=len(GRID))
                tbl.append(self._row([cell]))
                continue
            cells = []
            for i, value in enumerate(
                (entry.subsection, entry.lead, entry.responsible, entry.requirement, entry.deadline)
            ):
                if isinstance(value, _Merged):
                    cells.append(_cell(self, [], GRID[i], vmerge="continue"))
                    continue
                paragraphs = [value] if isinstance(value, str) else value
                vmerge = "restart" if self._merges_down(entry, i) else None
                cells.append(_cell(self, [p for p in paragraphs if p], GRID[i], vmerge=vmerge,
                                   center=i in (1, 2, 4)))
            tbl.append(self._row(cells))
        # The body's last child is w:sectPr; the table goes before it, then an empty paragraph
        # as Word always ends a document after a table.
        body.insert(len(body) - 1, tbl)
        body.insert(len(body) - 1, OxmlElement("w:p"))

    def _merges_down(self, entry: Row, column: int) -> bool:
        index = TABLE.index(entry)
        following = TABLE[index + 1] if index + 1 < len(TABLE) else None
        if not isinstance(following, Row):
            return False
        value = (following.subsection, following.lead, following.responsible)
        return column < 3 and isinstance(value[column], _Merged)

    @staticmethod
    def _row(cells, *, header: bool = False):
        tr = OxmlElement("w:tr")
        tr_pr = OxmlElement("w:trPr")
        tr_pr.append(_on_off("w:cantSplit"))
        if header:
            tr_pr.append(_on_off("w:tblHeader"))
        tr.append(tr_pr)
        for tc in cells:
            tr.append(tc)
        return tr

    def save(self, out: Path) -> None:
        self.doc.save(str(out))
        _normalise_zip_times(out)


def _page_break():
    from docx.enum.text import WD_BREAK

    return WD_BREAK.PAGE


def _on_off(tag: str):
    return OxmlElement(tag)


def _tbl_pr():
    tbl_pr = OxmlElement("w:tblPr")
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(sum(GRID)))
    width.set(qn("w:type"), "dxa")
    tbl_pr.append(width)
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), "center")
    tbl_pr.append(jc)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), "single")
        border.set(qn("w:sz"), "4")
        border.set(qn("w:space"), "0")
        border.set(qn("w:color"), "000000")
        borders.append(border)
    tbl_pr.append(borders)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    return tbl_pr


def _cell(builder: Builder, paragraphs: list[str], width: int, *, font: str = BODY_FONT,
          span: int = 1, vmerge: str | None = None, center: bool = False):
    tc = OxmlElement("w:tc")
    tc_pr = OxmlElement("w:tcPr")
    tc_w = OxmlElement("w:tcW")
    tc_w.set(qn("w:w"), str(width))
    tc_w.set(qn("w:type"), "dxa")
    tc_pr.append(tc_w)
    if span > 1:
        grid_span = OxmlElement("w:gridSpan")
        grid_span.set(qn("w:val"), str(span))
        tc_pr.append(grid_span)
    if vmerge == "restart":
        merge = OxmlElement("w:vMerge")
        merge.set(qn("w:val"), "restart")
        tc_pr.append(merge)
    elif vmerge == "continue":
        tc_pr.append(OxmlElement("w:vMerge"))  # Word writes a continuation with no w:val
    v_align = OxmlElement("w:vAlign")
    v_align.set(qn("w:val"), "center")
    tc_pr.append(v_align)
    tc.append(tc_pr)
    for text in paragraphs or [""]:
        tc.append(_cell_paragraph(builder, text, font, center))
    return tc


def _cell_paragraph(builder: Builder, text: str, font: str, center: bool):
    from docx.text.paragraph import Paragraph

    p = OxmlElement("w:p")
    paragraph = Paragraph(p, None)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    text = builder.text_with_bookmarks(paragraph, text)
    if text:
        set_run_font(paragraph.add_run(text), font, TABLE_SIZE)
    return p


def _normalise_zip_times(path: Path) -> None:
    """Rewrite the package with fixed entry times so rebuilds are byte-identical."""
    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=_FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, data)


def build(out: Path) -> None:
    builder = Builder()
    # python-docx's default template starts with no paragraphs; we add all of ours.
    for kind, text in FRONT_MATTER:
        builder.paragraph(kind, text)
    builder.table()
    builder.save(out)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("notice.docx")
    build(target)
    print(f"wrote {target}", file=sys.stderr)
