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
