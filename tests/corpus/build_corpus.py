"""Rebuild the corpus of real published plans as .docx files (tests/corpus/<case>/notice.docx).

Each case is the text of a plan or notice as a public web page published it, paragraph by
paragraph and cell by cell, in its published layout: paragraphs as paragraphs, tables as
tables with their merges. The text is taken as the stored page gives it (the store folds
full-width punctuation to ASCII: ``,`` ``:`` ``(`` ``)``; it is kept so, not restored). Web-page
furniture (navigation, the site's metadata box, share buttons) is not part of the document
and is left out; where the stored page ends in the middle of an item, the document ends with
the last whole item. Nothing is added. Each case's ``source.md`` names the page and says
what was left out.

Three writers, so the reader meets more than one producer's XML:

- ``python-docx``: the library Word-compatible tools use (styles, runs, ``w:vMerge``);
- ``ooxml``: WordprocessingML written by hand, as small generators do (no styles part);
- ``libreoffice``: the case written as HTML (``rowspan`` / ``colspan``) and converted by
  ``soffice --headless --convert-to docx`` in a private profile. Needs LibreOffice; the
  built file is committed, so the tests never need it.

Run:  python tests/corpus/build_corpus.py [CASE ...]   (default: every case)
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
_FIXED_ZIP_TIME = (2025, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Down:
    """A cell that starts a vertical merge over the cells marked ``UP`` below it."""

    text: str


class _Up:
    def __repr__(self) -> str:
        return "UP"


UP = _Up()


@dataclass(frozen=True)
class Span:
    """A cell spanning ``columns`` grid columns."""

    text: str
    columns: int


Cell = str | Down | _Up | Span


@dataclass
class Table:
    columns: int
    rows: list[list[Cell]]
    header_rows: int = 1


Block = str | Table


@dataclass
class Case:
    name: str
    url: str
    writer: str
    blocks: list[Block]
    left_out: str
    notes: list[str] = field(default_factory=list)


# -- the cases --------------------------------------------------------------------------------
# Text as the stored page gives it; see each case's ``left_out``.

CASES: list[Case] = [
    Case(
        name="lishan-2023-task-division",
        url="http://www.lishan.gov.cn/html/ASLSQ/202303/0168765895614794.html",
        writer="python-docx",
        left_out=("the web page's own heading line repeating the number and title "
                  "(鞍立政发〔2023〕2号立山区人民政府关于印发…的通知); item 7 and everything "
                  "after it, where the stored page ends (item 7's unit lines are cut off)"),
        notes=["GB/T 9704 head (发文机关标志 with 文件, 发文字号), a title broken over three "
               "lines where the page breaks it, tasks as numbered paragraphs with 牵头单位: and "
               "责任单位: on their own lines"],
        blocks=[
            "鞍山市立山区人民政府文件",
            "鞍立政发〔2023〕2号",
            "立山区人民政府关于印发",
            "《立山区政府2023年重点工作任务分解",
            "和责任分工方案》的通知",
            "立山经济开发区,各街道办事处,各区直部门,各有关单位:",
            "经区政府同意,现将《立山区政府2023年重点工作任务分解和责任分工方案》印发给你们,"
            "请结合实际,认真贯彻落实。",
            "立山区人民政府",
            "2023年3月28日",
            "(此件公开发布)",
            "立山区政府2023年重点工作",
            "任务分解和责任分工方案",
            "为全面贯彻落实党的二十大精神,深入贯彻中央、省市工作会议精神和市委十三届五次全会精神、"
            "区委十五届四次全会精神,认真贯彻国家、省、市关于2023年重点工作部署,聚焦辽宁省全面振兴"
            "新突破三年行动、鞍山市“抓项目、进企业、解难题”专项行动,做好今年政府工作,努力实现全年"
            "经济社会发展的目标任务,现就全区2023年重点工作,制定分工方案如下。",
            "一、经济社会发展的主要预期目标",
            "1.努力实现地区生产总值增长6.2%左右。",
            "牵头单位:区发改局",
            "责任单位:立山经济开发区,全区经济运行各专班",
            "2.规模上工业增加值增长5%左右。",
            "牵头单位:区工信局",
            "责任单位:立山经济开发区",
            "3.固定资产投资增长15%左右。",
            "牵头单位:区发改局",
            "责任单位:立山经济开发区,各街道、区直各部门",
            "4.社会消费品零售总额增长9%左右。",
            "牵头单位:区商务局",
            "责任单位:各街道,区市场局",
            "5.一般公共预算收入增长8%左右。",
            "牵头单位:区财政局",
            "责任单位:立山经济开发区,各街道,税务局",
            "6.居民收入增长与经济增长基本同步。",
            "牵头单位:区发改局",
            "责任单位:各街道,各相关单位",
        ],
    ),
    Case(
        name="caidian-2023-target-division",
        url="https://www.caidian.gov.cn/zwgk/zc/zfwj/qzfbgwj/202302/t20230208_2147809.shtml",
        writer="ooxml",
        left_out=("the page's repeated title, date line and metadata box (索引号, 发文日期, "
                  "发布机构, 文号 蔡政办〔2023〕1号, 分类, 有效性), which are the website's and "
                  "not the document's, so the document has no 发文字号 line; item (四) and "
                  "everything after it, where the stored page ends"),
        notes=["no head; （N） paragraphs that are themselves the tasks, each with a "
               "责任单位: line and no 牵头单位 (the first unit is the lead)"],
        blocks=[
            "区人民政府办公室关于印发2023年区《政府工作报告》确定的主要目标任务责任分解方案的通知",
            "各街道办事处、乡人民政府,区人民政府各部门、各直属机构:",
            "2023年《区〈政府工作报告〉确定的主要目标任务责任分解方案》已报经区人民政府同意,"
            "现印发给你们,并就有关事项通知如下:",
            "一、各责任单位要高度重视,切实加强领导,对照2023年区《政府工作报告》确定的目标任务,"
            "制订工作方案,明确责任,明确措施,明确时间节点,狠抓落实,并于2023年1月15日前将工作"
            "方案报区人民政府办公室。",
            "二、区绩效考评机构要将2023年区《政府工作报告》确定的重要目标任务,纳入绩效管理考核"
            "范围,细化考核内容,加强过程考核,确保各项工作落到实处。",
            "三、从2023年第一季度开始,各责任单位要在每季度最后一个月的30日前将本季度落实各项"
            "工作目标任务进展情况报区人民政府办公室,区人民政府办公室将对各项工作目标任务的落实"
            "情况进行全程跟踪督办,并适时通报有关办理落实情况。",
            "蔡甸区人民政府办公室",
            "2023年1月3日",
            "2023年区《政府工作报告》确定的主要目标任务责任分解方案",
            "一、2023年全区经济社会发展的主要预期目标",
            "(一)地区生产总值增长7%以上",
            "责任单位:区发展和改革局",
            "(二)规上工业增加值增长12%以上",
            "责任单位:区科技和经信局",
            "(三)固定资产投资增长10%以上",
            "责任单位:区发展和改革局",
        ],
    ),
    Case(
        name="guandu-2016-growth-measures",
        url="http://www.kmgd.gov.cn/c/2016-12-06/1370808.shtml",
        writer="ooxml",
        left_out=("the page's title (the stored page starts with the preamble); item 5 and "
                  "everything after it, where the stored page ends"),
        notes=["a plan with no head and no title line; numbered items whose units close the "
               "paragraph in a bracket: (X牵头,Y、Z配合)"],
        blocks=[
            "为认真贯彻落实国家和省、市关于稳增长各项决策部署,加快推进供给侧结构性改革,着力促进"
            "全区经济平稳较快发展,根据《昆明市人民政府关于印发昆明市稳增长促发展若干政策措施的"
            "通知》(昆政发〔2016〕13号),结合官渡区实际,特制定如下政策措施。",
            "一、 提高投资项目审批效率",
            "1. 精简项目审批手续。加快推进网上审批,完善行政审批网上服务大厅功能,扩大上线服务单位"
            "范围,提高行政审批效率。加快建立“中介超市”,5月底前实现我区中介超市上线运行。"
            "(区政务服务局牵头,区发改局、区审改办、区住建局、区级相关部门配合)",
            "2. 提高土地审批效率。辖区范围内6亩以下(不含6亩)的土地使用转让手续,区政府审查后办理"
            "土地登记。(区国土分局牵头,区规划分局、区级相关部门配合)",
            "3. 提高环评审批效率。环评文件上报审批时,只需提交水保批复(涉及水土保持项目)、滇管部门"
            "选址意见(涉及滇池流域项目)。环境影响报告表、登记表原则上由区级负责审批。环评报告书14个"
            "工作日内、环评报告表7个工作日内、环评登记表3个工作日内完成审批。(区环保局牵头,区水务局、"
            "区级相关部门配合)",
            "二、 加快推进项目建设",
            "4. 加强项目谋划储备。编制完成官渡区三年滚动投资计划,完善“十三五”规划项目库,建立专项"
            "建设基金三年滚动项目库,建立投资项目信息化管理平台,促进投资项目科学管理。加大项目前期"
            "工作力度,区级财政安排4000万元重大项目前期费,统筹用于区级重大基础设施项目。继续深挖"
            "盘活财政存量和沉淀资金,统筹用于重点项目建设,进一步发挥财政资金的撬动作用。(区发改局"
            "牵头,区财政局、区交运局、区经贸投促局、区住建局、区水务局等部门,区国投公司、各街道办事处"
            "配合)",
        ],
    ),
    Case(
        name="weifang-2017-open-government",
        url="https://bdocx.com/doc/5328372.html",
        writer="python-docx",
        left_out=("the sharing site's header (document number, upload date, page count) and "
                  "its display name 潍坊政务公开工作要点实施方案; the fifth row and everything "
                  "after it, where the stored page ends in the middle of that row's units"),
        notes=["a table under its own title (no head): the section in a merged first column "
               "headed 目标, the 任务 column merged down, a single 责任单位 column whose cells "
               "say X牵头落实"],
        blocks=[
            "潍坊市2017年政务公开工作要点实施方案",
            Table(columns=4, rows=[
                ["目标", "任务", "主要内容", "责任单位"],
                [Down("一、以政务公开助力稳增长"), Down("(一)加强预期引导"),
                 "围绕我市经济社会发展形势、国家宏观经济政策和全市相关经济政策执行落实情况,通过市"
                 "政府例行新闻发布会、市政府新闻办新闻发布会、媒体采访、提供解读素材等形式及时宣传"
                 "解读。", "市发改委牵头落实"],
                [UP, UP, "围绕出台促进就业规划、就业创业政策,加强就业创业政策信息公开,深入解读政策"
                 "背景、依据、目标任务、涉及范围、落实情况等。", "市人社局牵头落实"],
                [UP, UP, "围绕稳健中性的货币政策、优化融资结构和信贷结构等信贷政策,加强金融政策"
                 "信息公开,通过政策通报会、银企对接会等方式,加大货币和金融业改革发展政策的宣传和"
                 "预期引导,及时准确将政策意图传递给市场,以政策解读的“透”赢得市场预期的“稳”。",
                 "市金融办、人民银行潍坊市中心支行、潍坊银监分局分别牵头落实"],
                [UP, UP, "加强财政政策信息公开,按月公开全市财政收支情况,解读财政收支增减变化情况"
                 "及原因、预判财政收入走势,主动解释说明收支运行中可能引发社会关注的热点问题,引导"
                 "社会各方面正确认识财政形势。", "市财政局牵头落实"],
            ]),
        ],
    ),
    Case(
        name="chizhou-xfj-key-tasks",
        url="https://xfj.chizhou.gov.cn/OpennessContent/show/1426818.html",
        writer="libreoffice",
        left_out="nothing inside the table; the stored page starts at the table's header",
        notes=["a table with no title and no head: 工作任务 spans the task titles and their "
               "numbers, a merged task cell over two rows, only a 责任科室 column (the first "
               "unit is the lead), 年底前 with no year anywhere"],
        blocks=[
            Table(columns=5, rows=[
                [Span("工作任务", 2), "具体要求", "责任科室", "时限要求"],
                ["强化行政规范性文件集中规范公开", "1",
                 "对行政规范性文件进行全面清理,并向社会公布现行有效行政规范性文件目录。", "办公室",
                 "年底前"],
                ["深化政策解读形式", "2", "积极做好政策解读工作,持续提升政策解读质量,丰富解读形式。",
                 "各科室", "持续推进"],
                [Down("做好主动公开基础工作"), "3",
                 "严格规范政府信息公开专栏,及时、集中、规范发布法定主动公开内容。严格执行政府信息"
                 "公开制度,完善政府信息公开保密审查,增强保密意识,防范泄密风险。", "各科室", "持续推进"],
                [UP, "4", "规范做好政府信息公开工作年度报告编制发布工作,将年度重点工作任务落实情况"
                 "纳入年报,确保体例规范、数据准确,接受社会监督。", "办公室", "持续推进"],
                ["规范办理依申请公开", "5", "依法依规办理政府信息公开申请,做行政复议答复和行政诉讼"
                 "答辩工作,防范法律风险。", "各科室", "持续推进"],
                ["认真抓好工作落实", "6", "制定并公开本部门政务公开重点任务清单,明确具体要求、责任"
                 "科室及完成时限,逐项推动工作落实", "办公室", "持续推进"],
                ["加强宣传", "7", "积极参加“政务公开交流”约稿活动,认真总结报送优秀稿件。", "各科室",
                 "持续推进"],
                ["做好指导监督", "8", "积极参加政务公开工作培训和研讨交流,不断提升业务能力。",
                 "办公室", "持续推进"],
            ]),
        ],
    ),
    Case(
        name="ewenke-2022-work-report-division",
        url="https://www.ewenke.gov.cn/OpennessContent/show/273144.html",
        writer="python-docx",
        left_out=("the page's share line (用微信扫描二维码分享至好友和朋友圈); the attachment "
                  "itself, which the stored page does not hold"),
        notes=["a GB/T title that starts with the organ's name and is broken after it, with no "
               "发文机关标志 and no 发文字号; no signature line above the date"],
        blocks=[
            "鄂温克族自治旗人民政府办公室",
            "关于印发2022年《政府工作报告》",
            "重点任务责任落实分工的通知",
            "各苏木乡镇人民政府,旗政府各部门,驻鄂温克族自治旗有关单位:",
            "经旗人民政府同意,现将《2022年<政府工作报告>重点任务责任落实分工》印发给你们,请结合"
            "实际,认真贯彻落实。",
            "一、各地区、各部门要高度重视《政府工作报告》重点任务责任落实工作,主要领导要亲自抓、"
            "负总责,采取有力措施,确保各项任务不折不扣落到实处。从2022年3月起,务于每月25日前将"
            "本单位主要领导审阅同意后的《2022年<政府工作报告>重点任务落实推进情况表》(电子版)报旗"
            "政府督查室。",
            "二、旗政府督查室要加强对重点工作的日常调度,建立重点任务落实台账,按照旗政府主要领导"
            "指示批示要求和政策调整需要,切实加强动态管理和跟踪督办,及时汇总重点任务落实情况后向"
            "旗政府主要领导报告。对重点任务推进落实缓慢、未达到序时进度或不按时报送的要加大通报"
            "力度,推动政府工作全面有效落实。",
            "此通知",
            "附件:2022年《政府工作报告》重点任务落实推进情况表",
            "2022年2月21日",
            "(联系人:白文俊、巴义日,联系电话:8812822,电子邮箱:ewkdc@163.com)",
            "(此件公开发布)",
        ],
    ),
    Case(
        name="dawa-2021-work-report-division",
        url="http://www.dawa.gov.cn/2021_02/01_16/content-307974.html",
        writer="ooxml",
        left_out=("the notice's title and head, which the stored page does not hold (it starts "
                  "at the 主送机关); the attachment, which it does not hold either"),
        notes=["the body and tail of a notice: 主送机关 with brackets, 附件 note, 署名, 成文日期, "
               "附注; no task table in the stored text"],
        blocks=[
            "各镇(街道)人民政府(办事处),临港经济开发区管委会,区政府各部门、直属机构:",
            "为深入贯彻落实盘锦市大洼区第十八届人民代表大会第四次会议精神,全面完成好《政府工作"
            "报告》中确定的2021年各项工作任务,在充分征求区政府、经济园区和区农垦集团主要领导意见后,"
            "现将《<政府工作报告>任务分解表》印发给你们。",
            "请各牵头单位要严格按照任务分工,对涉及的工作任务进行再细化、再分解,明确每项任务的具体"
            "责任人和每季度的形象进度,确保《政府工作报告》中确定各项工作任务得到有效落实。各责任"
            "(配合)单位要加强协调,积极配合,切实履行各自工作职责。区委区政府督查室要根据各项工作"
            "任务完成时限要求,适时开展督查督办工作。",
            "附件:《政府工作报告》任务分解表",
            "盘锦市大洼区人民政府办公室",
            "2021年1月25日",
            "(此件公开发布)",
        ],
    ),
    Case(
        name="hangzhou-2020-work-report-division",
        url="https://z.hangzhou.com.cn/2020/hzrmzfgb/content/content_7745055.html",
        writer="python-docx",
        left_out=("the news site's navigation (返 回, 所在位置: 杭州网 > 热点专题), its 发布时间 "
                  "line and its 来源/作者/编辑 line"),
        notes=["a notice with no head: title, 主送机关, run-in 一、二、 paragraphs (the second "
               "states the 列第一位的责任单位为牵头单位 convention), 署名, 成文日期"],
        blocks=[
            "杭州市人民政府办公厅关于印发2020年政府工作报告重点工作责任分解的通知",
            "各区、县(市)人民政府,市政府各部门、各直属单位:",
            "《2020年政府工作报告重点工作责任分解》已经市政府同意,现印发给你们,请结合以下要求认真"
            "贯彻执行。",
            "一、2020年是高水平全面建成小康社会和“十三五”规划收官之年,也是统筹推进疫情防控和经济"
            "社会发展极为关键一年。各级各部门要提高站位,强化责任,不折不扣落实重点工作任务;加强统筹,"
            "第一时间制定有针对性的计划方案;坚持问题导向、目标导向、效果导向,聚焦重点,多措并举,"
            "真抓实干,确保2020年各项年度目标任务圆满完成。",
            "二、责任分解中,列第一位的责任单位为牵头单位或汇总单位。各牵头单位和汇总单位要及时向"
            "市政府报告重点工作完成情况,包括进展情况、存在的问题和下一步措施。市政府督查室要将重点"
            "工作完成情况作为重点督查内容,督促推进落实。",
            "杭州市人民政府办公厅",
            "2020年5月20日",
        ],
    ),
    Case(
        name="wuhan-2020-target-division",
        url="https://kb9.cn/read/133480.html",
        writer="ooxml",
        left_out=("the law site's 文章属性 box (制定机关, 公布日期, 字号, 施行日期, 效力等级, 时效性, "
                  "主题分类) and its 正文 label; paragraph 三、 and everything after it, where the "
                  "stored page ends inside it (so the stored text has no 署名 and no 成文日期); "
                  "the line break the page shows inside 由办/公室 is not kept"),
        notes=["a title that starts with the organ's short name (市人民政府办公厅关于印发…), over two "
               "lines, with the 发文字号 under it; a head with no 署名 and no date, which warns"],
        blocks=[
            "市人民政府办公厅关于印发2020年市",
            "《政府工作报告》确定的主要目标任务责任分解方案的通知",
            "武政办〔2020〕1号",
            "各区人民政府,市人民政府各部门,各有关单位:",
            "《2020年市〈政府工作报告〉确定的主要目标任务责任分解方案》已经市人民政府同意,现印发给"
            "你们,并就有关事项通知如下,请一并贯彻执行。",
            "一、层层压实责任,积极推进办理工作。各责任单位要加强组织领导,按照“一把手”负总责的要求,"
            "主要领导亲自抓、分管领导具体抓,并明确专门责任部门和具体责任人,由办公室负责抓好综合督办"
            "协调工作。对于一些办理难度大、涉及面广的责任事项,相关责任单位要及时报告推进落实过程中"
            "存在的困难和问题,提请市人民政府统筹协调解决。",
            "二、加强工作统筹,科学制订办理方案。各责任单位要对所承办的责任事项逐个进行研究,制订具体"
            "细化的办理方案。办理方案要明确每个责任事项的具体工作内容、完成时间节点、分管负责人及"
            "责任部门。牵头单位要强化责任担当,统筹协调相关责任单位科学制订办理方案,确保各项目标任务"
            "落实落细。各责任单位要于2020年2月3日前,将制订的办理方案经本单位主要负责人审定后,报送"
            "市人民政府督查室;同时,一并上报本单位《政府工作报告》督办工作人员名单及(办理方案及人员"
            "名单填报式样见附表1、2)。",
        ],
    ),
    Case(
        name="xinyu-2023-open-government",
        url="http://echinagov.com/policy/346701.htm",
        writer="libreoffice",
        left_out=("the notice's title and head, which the stored page does not hold (it starts "
                  "at the 主送机关); item 1 of (一) and everything after it, where the stored "
                  "page ends inside item 1"),
        notes=["a notice's tail (署名, 成文日期, 附注 此件主动公开) and the opening of the plan "
               "it publishes: headings and paragraphs with no unit clause, so no tasks"],
        blocks=[
            "各县(区)人民政府、管委会,市政府各部门、市直相关单位:",
            "《2023年新余市政务公开工作要点》已经市政府同意,现印发给你们,请结合实际认真贯彻落实。",
            "新余市人民政府办公室",
            "2023年8月7日",
            "(此件主动公开)",
            "2023年新余市政务公开工作要点",
            "为进一步深化新余市政务公开工作,提高行政透明度和政府公信力,助力法治政府、服务型政府"
            "建设,制定本要点。",
            "一、总体要求",
            "(一)指导思想",
            "坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻落实党的二十大精神,深入贯彻"
            "习近平总书记视察江西重要讲话精神,认真落实党中央、国务院和省委、省政府决策部署,准确把握"
            "新时代政务公开新形势新要求,进一步转变政务公开职能,提高政策发布解读实效,主动回应社会"
            "关切,提升政府管理服务透明度和可预期性,充分发挥以公开促落实、助监督、强监管的功能作用,"
            "更好统筹政务公开与安全保密,以扎实有效的政务公开工作助力全面建设社会主义现代化幸福城市。",
            "(二)工作目标",
            "紧紧围绕市委市政府年度重点工作目标任务,聚焦经济社会发展和民生关心关切,扎实推进政务公开"
            "标准化规范化建设,实现工作从注重公开数量向注重公开质量和深度转变。到2023年底,市、县(区)"
            "两级政务公开工作机制趋于完善,统一规范的政务公开事项标准目录管理体系更加精细,政策文件全"
            "流程公开工作机制初步建成,公开信息实用性不断增强,依申请公开办理更加规范,政民互动效果进一步"
            "显现,人民群众对政务公开的知晓度、满意度明显提升。",
            "二、紧扣经济发展大局深化公开",
            "(一)加强重大战略实施信息公开",
        ],
    ),
    Case(
        name="guangdong-2021-work-report-division",
        url="https://dara.gd.gov.cn/ztzx/xczxgzt/xwgk/tzgg/content/post_4379712.html",
        writer="python-docx",
        left_out=("the site's navigation, page title, 时间/来源 line and 打印/字体 links; item 5 "
                  "and everything after it, where the stored page ends inside item 5's "
                  "部门分工 line"),
        notes=["a 发文字号 under a three-line title with no 发文机关标志 (warns); numbered items "
               "followed by a 分管省领导: line (people, not units) and a 部门分工: line whose "
               "clause says X牵头,Y配合"],
        blocks=[
            "广东省人民政府关于印发2021年",
            "省《政府工作报告》重点任务",
            "分工方案的通知",
            "粤府〔2021〕22号",
            "各地级以上市人民政府,省政府各部门、各直属机构:",
            "《2021年省〈政府工作报告〉重点任务分工方案》已经省政府全体会议审议通过,现印发给"
            "你们,请认真贯彻执行。执行过程中遇到的问题,请径向省政府办公厅反映。",
            "广东省人民政府",
            "2021年3月21日",
            "2021年省《政府工作报告》重点任务分工方案",
            "为贯彻落实全国两会精神,全面落实省第十三届人民代表大会第四次会议通过的省《政府工作"
            "报告》部署,做好今年全省政府工作,努力实现经济社会发展目标任务,现将2021年省《政府工作"
            "报告》确定的主要预期目标和十大重点工作任务,对应分解为出台政策文件、制定工作方案、组织"
            "重大活动、召开部署推进会议等具体举措,并逐项明确分管省领导和部门分工。",
            "一、2021年经济社会发展主要预期目标",
            "1.地区生产总值增长6%以上。",
            "分管省领导:林克庆",
            "部门分工:省发展改革委牵头,各地、各部门配合。",
            "2.地方一般公共预算收入增长5%左右。",
            "分管省领导:林克庆",
            "部门分工:省财政厅牵头,各地、各部门配合。",
            "3.固定资产投资增长8%左右。",
            "分管省领导:林克庆",
            "部门分工:省发展改革委牵头,各地、各部门配合。",
            "4.社会消费品零售总额增长6%以上。",
            "分管省领导:张新",
            "部门分工:省商务厅牵头,各地、各部门配合。",
        ],
    ),
    Case(
        name="sanshui-2007-work-report-division",
        url="https://jxtv3.com/html/.zfwjzcjd.201208t20120810_3827283.html",
        writer="ooxml",
        left_out=("the notice's title and head, which the stored page does not hold (it starts "
                  "at the 主送机关); a stray table bar after the date"),
        notes=["a notice's body and tail: the 成文日期 in Chinese numerals with ○ "
               "(二○○七年四月十三日), no 署名 line above it, the plan year from the 附件 note"],
        blocks=[
            "各镇政府(街道办事处)、迳口华侨经济区管委会,区政府直属局以上单位:",
            "区第十四届人大第二次会议审议通过的《政府工作报告》,确定了我区2007年经济社会发展的各项"
            "重要工作目标和任务。为推动各项工作的落实,强化政府决策的权威,区政府决定对区第十四届人大"
            "第二次会议确定的工作任务实施部门分工负责制,将工作任务逐项分解下达。现将有关事项通知如下:",
            "一、各牵头单位要按照《2007年三水区政府工作主要任务分解表》(详见附件)的要求,将属于本"
            "部门(单位)落实的工作目标做好细化实施方案,并明确联系人、联系电话,于4月20日(星期五)前"
            "上报区督查组(办公室设在区委办区府办督查室,联系电话:87768003,电子邮箱:ssdcs@ss.gov.cn)。",
            "二、各部门各单位要在每季度末(分别在6月、9月和12月底),将本部门(单位)完成任务的进展"
            "情况和在落实过程中出现的新问题、新情况以及解决的办法和措施,以书面和电子邮件的形式报区"
            "督查组,由区督查组综合后向区政府汇报。",
            "附件:2007年三水区政府工作主要任务分解表",
            "二○○七年四月十三日",
        ],
    ),
    Case(
        name="xingqing-2018-work-report-tasks",
        url="http://www.xqq.gov.cn/zmhd/yjzjjgfk/201808/t20180819_980141.html",
        writer="libreoffice",
        left_out="the page's 扫一扫在手机上查看当前页面 line",
        notes=["a 关于 title with no head, section headings on their own lines, an 附件 note "
               "listing three attachments (1.2018年…: the number runs into the year)"],
        blocks=[
            "关于做好2018年政府工作报告主要目标任务和为民办实事的通知",
            "各乡镇人民政府、街道办事处,政府各部门并有关单位:",
            "根据2018年《政府工作报告》主要目标任务和银川市2018年为民办实事、兴庆区2018年民生十件"
            "实事内容,结合兴庆区政府班子成员职责分工,按照归口对称、明晰责权、责任到人的原则,将各项"
            "工作任务分解(详见附件),现就有关事宜通知如下:",
            "一、落实责任,确保质量",
            "各责任单位要严格遵循“年初公布、年中检查、年底兑现、接受监督”的原则,把2018年政府工作"
            "报告和银川市、兴庆区为民办实事内容列为今年工作重点,制定计划,明确责任,周密安排,狠抓"
            "落实,确保全面、高效、优质按期完成任务。",
            "二、密切配合,各负其责",
            "牵头责任单位要切实担负起第一责任人的责任,牵头抓总,积极组织实施。各相关单位要全力支持、"
            "积极帮助解决遇到的困难和问题。",
            "三、加强督查,有效监督",
            "兴庆区政府办公室将严格按照“年初建账、逐月查账、年底交账”的督查制度,加强跟踪督查,了解"
            "掌握进展情况,对办理不力的单位予以通报,督促抓紧实施,确保圆满完成任务。",
            "以下附件中责任领导和责任人发生变动后,由相应岗位的继任领导担任,一般不再另行行文调整。",
            "附件:1.2018年《政府工作报告》主要工作目标任务分解表",
            "2.2018年民生十件实事任务分解表",
            "3.银川市2018年为民办实事任务分解表",
            "银川市兴庆区人民政府办公室",
            "2018年8月16日",
            "(此件公开发布)",
        ],
    ),
    Case(
        name="shanxi-2017-central-rise-plan",
        url="https://0798ci.com/policy/20846.html",
        writer="python-docx",
        left_out=("the site's heading line repeating the number and title; item 1 of (一) and "
                  "everything after it, where the stored page ends inside item 1"),
        notes=["a 发文字号 under the title and no 发文机关标志 (warns); a title ending 工作方案; "
               "a document number cited in the plan after the signature (not the notice's own "
               "body, so no cited document); a 主送机关 abbreviated "
               "各委、办、厅、局, split on 、 as contract section 1 says"],
        blocks=[
            "山西省人民政府办公厅关于印发山西省贯彻落实《促进中部地区崛起“十三五”规划》工作方案",
            "晋政办发〔2017〕55号",
            "各市、县人民政府,省人民政府各委、办、厅、局:",
            "《山西省贯彻落实〈促进中部地区崛起“十三五”规划〉工作方案》已经省人民政府同意,现印发"
            "给你们,请认真贯彻执行。",
            "山西省人民政府办公厅",
            "2017年5月15日",
            "山西省贯彻落实《促进中部地区崛起“十三五”规划》工作方案",
            "为深入贯彻落实《促进中部地区崛起“十三五”规划》(国函〔2016〕204号),发挥我省在中部地区"
            "崛起战略中的应有作用,推动我省加快经济转型,全面提升综合实力和竞争力,结合我省实际,制定"
            "本方案。",
            "一、总体要求",
            "全面贯彻落实习近平总书记系列重要讲话精神和治国理政新理念新思想新战略,统筹推进“五位"
            "一体”总体布局,协调推进“四个全面”战略布局,按照省委“一个指引、两手硬”重大思路和要求,"
            "坚持深化供给侧结构性改革与深化转型综改试验区建设有机结合,将我省打造成国内外有影响力的"
            "资源型经济转型综合配套改革试验区,现代装备制造、新材料、节能环保和信息产业基地,国家新型"
            "综合能源基地,世界煤基科技创新成果转化基地,中西部现代物流中心,富有特色和魅力的文化旅游"
            "强省,内陆地区对外开放高地。",
            "二、重点任务与分工",
            "(一)强化基础设施支撑,构建现代化、网络化、高品质、服务企业生产布局的基础设施体系。",
        ],
    ),
    Case(
        name="chengdu-2024-embedded-services",
        url="https://lr5.cn/2024/08/07/47893.html",
        writer="ooxml",
        left_out=("the page's title repeated twice more (once cut short) above the document; the "
                  "second 到2027年底前 paragraph and everything after it, where the stored page "
                  "ends inside it"),
        notes=["a joint title naming four organs separated by spaces, on one line, with no "
               "head; a body sentence ending in an ASCII full stop"],
        blocks=[
            "成都市发展和改革委员会 中共成都市委社会工作部 成都市规划和自然资源局 成都市住房和城乡"
            "建设局 关于印发成都市城市社区嵌入式服务设施建设工程实施方案的通知",
            "各区(市)县政府(管委会),市级有关部门,有关单位:",
            "经市领导同意,现将《成都市城市社区嵌入式服务设施建设工程实施方案》印发给你们,请结合实际"
            "认真贯彻落实.",
            "开展城市社区嵌入式服务设施建设是新时代新征程党中央、国务院部署的重大民生工程,是坚持以"
            "人民为中心,推动城市更好承载人民美好生活的重大政策,是推动优质普惠公共服务惠及全民、走近"
            "群众身边,努力把社区建设成为人民群众的幸福家园,不断增强人民群众获得感、幸福感和安全感的"
            "重要举措。为推动全市城市社区嵌入式服务设施建设,结合我市实际,特制定本方案。",
            "一、主要目标",
            "到2025年底前,全市首批100个嵌入式服务设施建设示范社区全面建成,实现各类嵌入式设施空间"
            "协同布局、功能复合设置和可持续运营,形成可复制、可推广的经验、政策或模式。",
        ],
    ),
    Case(
        name="weihai-2022-fiscal-powers",
        url="https://kuaibao.lzzcloud.net/news_info/856508.html",
        writer="python-docx",
        left_out=("the notice's title and head, which the stored page does not hold (it starts "
                  "at the 主送机关); item 1 of (一) and everything after it, where the stored "
                  "page ends inside item 1"),
        notes=["a 主送机关 naming 管委 offices, 署名, 成文日期, 附注, then the first attachment's "
               "title over two lines and a cited document after the signature (not the "
               "notice's own body, so not a cited document of the notice)"],
        blocks=[
            "各区市人民政府,国家级开发区管委,综保区管委,南海新区管委,市政府各部门、单位:",
            "《教育领域市县财政事权和支出责任划分改革实施方案》《科技领域市县财政事权和支出责任划分"
            "改革实施方案》《自然资源领域市县财政事权和支出责任划分改革实施方案》《交通运输领域市县"
            "财政事权和支出责任划分改革实施方案》《公共文化领域市县财政事权和支出责任划分改革实施"
            "方案》《医疗卫生领域市县财政事权和支出责任划分改革实施方案》《应急救援领域市县财政事权和"
            "支出责任划分改革实施方案》已经市政府同意,现印发给你们,请认真贯彻落实。",
            "威海市人民政府办公室",
            "2022年2月12日",
            "(此件公开发布)",
            "教育领域市县财政事权和支出责任",
            "划分改革实施方案",
            "为深入贯彻习近平新时代中国特色社会主义思想和党的十九大、十九届历次全会精神,认真落实"
            "《山东省人民政府办公厅关于印发教育领域省与市县财政事权和支出责任划分改革实施方案的"
            "通知》(鲁政办发〔2019〕35号)要求,现就我市教育领域市县(县级含国家级开发区,下同)财政"
            "事权和支出责任划分改革制定如下实施方案。",
            "一、主要内容",
            "(一)义务教育。义务教育总体为市县共同财政事权,并按具体事项细化,其中:涉及学校日常运转、"
            "学生学习生活等经常性事项,严格落实省、市基础标准,明确市县两级财政分担比例,市级财政承担的"
            "部分通过共同财政事权转移支付安排;涉及阶段性任务和专项性工作的事项,所需经费由县级财政"
            "统筹安排,市级财政通过相关转移支付给予支持。",
        ],
    ),
    Case(
        name="heze-2009-investment-projects",
        url="http://law270.infoeach.com/view-MjcwfDEwMDcyMA==.html",
        writer="libreoffice",
        left_out=("the law site's navigation, its title, author/time/download lines and its "
                  "发布机关 line (山东省菏泽市人民政府办公室), which repeat or describe the "
                  "document; the paragraph on 监察部门 and everything after it, where the stored "
                  "page ends inside it"),
        notes=["a 发文字号 under the title, a date in Chinese numerals with ○ and no 署名 "
               "(warns: no 发文机关标志, no 署名); then 第一章/第一条 articles, no tasks"],
        blocks=[
            "菏泽市人民政府办公室关于印发菏泽市扩大内需投资项目管理办法的通知",
            "菏政办发〔2009〕72号",
            "各县区人民政府,市政府各部门,市属各企业,各大中专院校:",
            "《菏泽市扩大内需投资项目管理办法》已经市政府同意,现印发给你们,请认真贯彻执行。",
            "二○○九年十月二十九日",
            "菏泽市扩大内需投资项目管理办法",
            "第一章  总 则",
            "第一条 为加强扩大内需投资项目(以下简称项目)的建设管理,保证建设资金合理、安全使用,提高"
            "投资效益,确保工程进度和质量,根据国家有关法律法规,结合我市实际,制定本办法。",
            "第二条 本办法适用于中央新增投资、省调控资金、地方国债等政府投资建设项目。",
            "第三条 市直行业主管部门是市级项目的责任主体,县区政府和市行业主管部门是县区级扩大内需"
            "项目的责任主体。各责任主体对所属项目的投资安排、项目管理、资金使用和实施效果负总责。各"
            "责任主体要细化责任,制定目标,规范投资行为,完善建设条件,落实配套资金,加快实施进度,严格"
            "监督检查,确保工程质量和投资效益。",
            "发展改革部门是项目建设管理的综合部门,主要负责项目的申报、综合协调、调度和投资计划下达,"
            "会同有关行业主管部门对项目开工及建设进度进行调度,参与项目检查监督,组织或会同有关行业"
            "主管部门进行竣工验收。",
        ],
    ),
    Case(
        name="jingan-2018-service-brand-plan",
        url="https://denstalk.com/html/xxgk01600201600200220180528004c029f-9ddf-4590-875a-"
            "1c5453c297eb.html",
        writer="python-docx",
        left_out=("the page's heading line (a site category tag and the title of the notice "
                  "that published the plan, with no notice text under it); item 1 of (二) and "
                  "everything after it, where the stored page ends inside item 1"),
        notes=["a plan under its own title with its years on a third line "
               "((2018—2020年)), no head, headings and paragraphs with no unit clause"],
        blocks=[
            "静安区全力打响“上海服务”品牌",
            "加快建设“国际静安”三年行动计划",
            "(2018—2020年)",
            "为贯彻落实上海全力打响“四大品牌”的战略部署,打响“上海服务”品牌,增强城市服务功能,提高"
            "服务经济能级,努力建设服务型政府,加快构筑新时代上海发展战略优势,根据区委、区政府关于"
            "全面落实打响“上海服务”品牌的总体要求,特制定本行动计划。",
            "一、 总体要求",
            "(一)指导思想",
            "深入贯彻落实党的十九大精神,以习近平新时代中国特色社会主义思想为指导,全面落实上海建设"
            "“卓越的全球城市”的总体目标,对接上海国际经济、金融、贸易、航运和科创“五个中心”核心服务"
            "功能,着力增强上海服务长三角、服务全国、服务“一带一路”和全球的能力,静安区要对标国际最高"
            "标准、最好水平,围绕“国际静安、圆梦福地”的奋斗目标,彰显城区功能和服务经济优势,强化创新"
            "驱动、突出制度供给,推动服务质量、服务效率和服务动力变革,主动承接上海综合服务核心功能,"
            "持续提升静安城区的综合服务能级,领先发展高能级的服务经济,着力实现高质量发展和高品质生活,"
            "率先建成高效能的服务型政府,着力提升服务对象的感受度、体验感和获得感,使静安区成为体现"
            "“上海服务”高水平的闪亮名片。",
            "(二)基本原则",
        ],
    ),
    Case(
        name="jianggan-2018-task-ledger",
        url="http://nbxinxi.com/a/gedizhengce/zhejiangsheng/hangzhoushi/shangcheng/2021/0629/"
            "344957.html",
        writer="ooxml",
        left_out=("the page's 朗读 button; the notice's title and head, which the stored page "
                  "does not hold; the paragraph under (一) and everything after it, where the "
                  "stored page ends inside it"),
        notes=["a bureau's internal notice: 主送机关 机关各科室、局属各单位, two cited "
               "documents each with its number in ASCII brackets"],
        blocks=[
            "机关各科室、局属各单位:",
            "按《杭州市江干区人民政府办公室关于印发2018年政府工作报告重点工作责任分解的通知》(江政"
            "办发〔2018〕3号)和《杭州市江干区人民政府办公室关于建立重点工作清单“执行台账、节点监测、"
            "分析报告”制度的通知》(江政办发〔2018〕4号)文件要求,结合我局实际工作,决定在江干区城市"
            "管理局内建立重点工作清单“执行台账、节点监测、分析报告”制度(以下简称“一张清单、三项"
            "制度”),现印发给你们,请认真贯彻执行。",
            "一、总体要求",
            "各科室、单位要进一步加强领导、统筹兼顾、突出重点,对照重点工作项目化清单,围绕工作项目化、"
            "项目清单化、清单具体化要求,逐步建立健全科学谋划、有效执行、督导推进、覆盖全局的工作落实"
            "和推进机制,确保上级和我局的重点工作落到实处。",
            "二、主要内容",
            "(一)建立精准完备的执行台账制度",
        ],
    ),
    Case(
        name="sygoc-administrative-rules",
        url="https://sygoc.org.cn/ds/2507691e03.html",
        writer="python-docx",
        left_out=("the page's 信息公开 tag; item (七) of 第七条 and everything after it, where "
                  "the stored page ends inside it"),
        notes=["a document that is no notice and no plan (a foundation's rules): its title, "
               "and null fields everywhere else; （N） paragraphs with no unit clause, so no "
               "tasks"],
        blocks=[
            "中华思源工程基金会行政管理制度",
            "第一章 总则",
            "第一条 为加强中华思源工程基金会(以下简称基金会)的行政管理,提高工作效率,保证各项业务"
            "高效运行,根据《中华人民共和国慈善法》等行业法律法规和《中华思源工程基金会章程》要求,结合"
            "工作实际,制定本制度。",
            "第二章 公文处理规定",
            "第二条 基金会公文是依据法规和授权在行政管理、公益管理、资助项目等各种公益慈善活动过程中"
            "形成的具有特定效力和规范格式的文书,是依法进行管理、指导、布置和商洽工作,请示和答复问题,"
            "报告、通报和交流情况的重要工具。",
            "第三条 公文处理是指公文的拟制、办理、管理等一系列相互关联、衔接有序的工作。",
            "第四条 公文处理应当坚持实事求是、准确规范、精简高效的原则。",
            "第五条 基金会各部门应当高度重视公文处理工作,严格执行公文处理的各项规定。",
            "第六条 基金会办公室是公文处理的管理机构,主管基金会的公文处理工作并指导基金会各部门、"
            "各专项基金的公文处理工作。",
            "第七条 基金会涉及的公文种类主要有:",
            "(一)请示",
            "适用于向领导机关、业务指导单位和基金会领导请求批示、批准的事项。",
            "(二)报告",
            "适用于向领导机关、业务指导单位和基金会领导汇报工作、反映情况、提出建议、回复询问。",
            "(三)决定",
            "适用于对基金会重要事项或者重大活动做出安排;奖惩有关部门、专项基金及人员;变更或者撤销"
            "相关部门不适当的决定事项。",
            "(四)决议",
            "适用于经过会议讨论或议定,要求贯彻执行的事项。",
            "(五)批复",
            "适用于答复各部门、专项基金的请示事项。",
            "(六)通报",
            "适用于表彰先进,批评错误,传达重要精神或情况。",
        ],
    ),
    Case(
        name="chuzhou-2020-key-work-division",
        url="http://www.chuzhou.gov.cn/public/152523227/567017766.html",
        writer="ooxml",
        left_out=("the site's column tag 【市政府重点工作及责任分解】 before the title, its "
                  "发布时间 and 字体/打印 line; item 4 and everything after it, where the stored "
                  "page ends inside item 4's unit lines"),
        notes=["a notice with no head whose tasks are numbered paragraphs, each followed by "
               "three labelled lines: 牵头负责领导 (people), 牵头责任单位 (lead) and "
               "协同责任单位 (responsible), every line ending in 。"],
        blocks=[
            "滁州市人民政府关于2020年市政府重点工作及责任分解的通知",
            "各县、市、区人民政府,市政府各部门、各直属机构:",
            "2020年是全面建成小康社会和“十三五”规划收官之年,是谋划“十四五”关键之年,做好今年"
            "工作,意义特别重大。2020年市政府工作报告已经市第六届人民代表大会第三次会议审议通过,"
            "确定了10个方面190项重点工作,由许继伟同志负总责,同时明确各项工作的牵头负责领导、牵头"
            "责任单位和协同责任单位。市政府将把重点工作任务完成情况纳入年度目标绩效考核,跟踪督查"
            "调度,强力推进落实。各地各部门要认真履职尽责,进一步细化目标任务、实化推进举措,真抓"
            "实干,敢于担当,勇于作为,确保各项目标任务高质量完成,兑现对全市人民的庄严承诺。",
            "一、确保完成全年主要预期目标",
            "1. 地区生产总值增长8%以上。",
            "牵头负责领导:金力。",
            "牵头责任单位:市发展改革委。",
            "协同责任单位:市经信局、市商务局、市交通局、市农业农村局、滁州经开区管委会、中新苏滁"
            "高新区管委会等,各县、市、区政府。",
            "2. 财政收入增长8%左右。",
            "牵头负责领导:金力。",
            "牵头责任单位:市财政局。",
            "协同责任单位:市税务局、滁州海关、市人行、滁州经开区管委会、中新苏滁高新区管委会等,"
            "各县、市、区政府。",
            "3. 固定资产投资增长10%以上。",
            "牵头负责领导:金力。",
            "牵头责任单位:市发展改革委。",
            "协同责任单位:市经信局、市住建局、市交通局、市水利局、滁州经开区管委会、中新苏滁高新区"
            "管委会等,各县、市、区政府。",
        ],
    ),
]


# -- writers ----------------------------------------------------------------------------------

def _normalise_zip(path: Path) -> None:
    """Fixed timestamps and order, so a rebuild gives the same bytes."""
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            target.writestr(zipfile.ZipInfo(name, date_time=_FIXED_ZIP_TIME), data)


def _grid(table: Table) -> list[list[tuple[Cell, int]]]:
    """Each row's cells with the grid column each starts in."""
    placed = []
    for row in table.rows:
        column, cells = 0, []
        for cell in row:
            cells.append((cell, column))
            column += cell.columns if isinstance(cell, Span) else 1
        placed.append(cells)
    return placed


def write_python_docx(case: Case, out: Path) -> None:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = Document()
    core = document.core_properties
    core.author = core.last_modified_by = "gkparse corpus"
    core.created = core.modified = datetime(2025, 1, 1)
    for block in case.blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        table = document.add_table(rows=len(block.rows), cols=block.columns)
        table.style = "Table Grid"
        for r, cells in enumerate(_grid(block)):
            row = table.rows[r]
            if r < block.header_rows:
                tr_pr = row._tr.get_or_add_trPr()
                tr_pr.append(OxmlElement("w:tblHeader"))
            for cell, column in cells:
                target = row.cells[column]
                tc_pr = target._tc.get_or_add_tcPr()
                if isinstance(cell, Span):
                    target = target.merge(row.cells[column + cell.columns - 1])
                    target.text = cell.text
                    continue
                if isinstance(cell, (Down, _Up)):
                    merge = OxmlElement("w:vMerge")
                    if isinstance(cell, Down):
                        merge.set(qn("w:val"), "restart")
                    tc_pr.append(merge)
                if isinstance(cell, Down):
                    target.text = cell.text
                elif isinstance(cell, str):
                    target.text = cell
    document.save(out)


_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')


def _p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def _ooxml_table(table: Table) -> str:
    grid = "".join('<w:gridCol w:w="1800"/>' for _ in range(table.columns))
    rows = []
    for r, cells in enumerate(_grid(table)):
        tr_pr = "<w:trPr><w:tblHeader/></w:trPr>" if r < table.header_rows else ""
        tcs = []
        for cell, _column in cells:
            props, text = "", ""
            if isinstance(cell, Span):
                props, text = f'<w:gridSpan w:val="{cell.columns}"/>', cell.text
            elif isinstance(cell, Down):
                props, text = '<w:vMerge w:val="restart"/>', cell.text
            elif isinstance(cell, _Up):
                props = "<w:vMerge/>"
            else:
                text = cell
            tcs.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{_p(text) if text else '<w:p/>'}</w:tc>")
        rows.append(f"<w:tr>{tr_pr}{''.join(tcs)}</w:tr>")
    return (f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}'
            f"</w:tblGrid>{''.join(rows)}</w:tbl><w:p/>")


def write_ooxml(case: Case, out: Path) -> None:
    body = "".join(_p(b) if isinstance(b, str) else _ooxml_table(b) for b in case.blocks)
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f"<w:document {_NS}><w:body>{body}<w:sectPr/></w:body></w:document>")
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/></Types>')
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)


def _html(case: Case) -> str:
    parts = ['<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>']
    for block in case.blocks:
        if isinstance(block, str):
            parts.append(f"<p>{html.escape(block)}</p>")
            continue
        parts.append('<table border="1">')
        spans: dict[int, int] = {}
        placed = _grid(block)
        for r, cells in enumerate(placed):  # rowspan = the Down cell and the UP cells under it
            for cell, column in cells:
                if isinstance(cell, Down):
                    below = 1
                    while (r + below < len(placed) and any(
                            c is UP and col == column for c, col in placed[r + below])):
                        below += 1
                    spans[(r, column)] = below  # type: ignore[index]
        for r, cells in enumerate(placed):
            parts.append("<tr>")
            tag = "th" if r < block.header_rows else "td"
            for cell, column in cells:
                if isinstance(cell, _Up):
                    continue
                attrs = ""
                if isinstance(cell, Span):
                    attrs = f' colspan="{cell.columns}"'
                elif isinstance(cell, Down):
                    attrs = f' rowspan="{spans[(r, column)]}"'  # type: ignore[index]
                text = cell.text if isinstance(cell, (Span, Down)) else cell
                parts.append(f"<{tag}{attrs}>{html.escape(text)}</{tag}>")
            parts.append("</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)


def write_libreoffice(case: Case, out: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit(f"{case.name}: LibreOffice (soffice) is needed to rebuild this case")
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "notice.html"
        source.write_text(_html(case), encoding="utf-8")
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{work}/profile", "--headless",
             "--infilter=HTML (StarWriter)", "--convert-to", "docx:MS Word 2007 XML",
             "--outdir", work, str(source)],
            check=True, capture_output=True, timeout=180)
        shutil.copyfile(Path(work) / "notice.docx", out)


WRITERS = {"python-docx": write_python_docx, "ooxml": write_ooxml,
           "libreoffice": write_libreoffice}


def build(case: Case) -> Path:
    folder = HERE / case.name
    folder.mkdir(exist_ok=True)
    out = folder / "notice.docx"
    WRITERS[case.writer](case, out)
    _normalise_zip(out)
    notes = "".join(f"- {note}\n" for note in case.notes)
    (folder / "source.md").write_text(
        f"# {case.name}\n\nSource: <{case.url}>\n\nWriter: {case.writer} "
        f"(tests/corpus/build_corpus.py)\n\nWhat this case exercises:\n{notes}\n"
        f"Left out (not part of the published document, or past the end of the stored "
        f"page): {case.left_out}.\n", encoding="utf-8")
    return out


def main(names: list[str]) -> None:
    wanted = [c for c in CASES if not names or c.name in names]
    for case in wanted:
        print(build(case))


if __name__ == "__main__":
    main(sys.argv[1:])
