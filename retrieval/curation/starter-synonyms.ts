import type { SynonymRule } from './types';

const oneway = (term: string, ...expansions: string[]): SynonymRule => ({ term, expansions, mode: 'oneway' });
const same = (term: string, ...expansions: string[]): SynonymRule => ({ term, expansions, mode: 'equivalent' });

/**
 * The starter list: how citizens say it → how government documents say it. Seeded once into
 * `curated_synonyms` (source 'starter'), after which editors own it: a deleted starter rule stays deleted.
 * `oneway` adds the official words to a colloquial query; `equivalent` works in both directions
 * (abbreviations and true variants), so a document that only uses the short form is found too.
 */
export const STARTER_SYNONYMS: readonly SynonymRule[] = [
  // 社会保险 and pensions
  oneway('社保', '社会保险', '社会保障'),
  same('社保卡', '社会保障卡'),
  oneway('医保', '医疗保险', '医疗保障'),
  oneway('医保卡', '社会保障卡', '医疗保险'),
  oneway('城乡医保', '城乡居民基本医疗保险'),
  oneway('新农合', '城乡居民基本医疗保险', '新型农村合作医疗'),
  oneway('退休金', '养老金', '基本养老金'),
  oneway('养老钱', '养老金'),
  oneway('养老保险', '基本养老保险'),
  oneway('失业金', '失业保险金'),
  oneway('五险一金', '社会保险', '住房公积金'),
  oneway('工伤', '工伤保险', '工伤认定'),
  oneway('大病', '大病保险'),
  oneway('医保报销', '医疗费用报销', '医保结算'),
  oneway('异地看病', '异地就医'),
  oneway('看病', '就医'),
  oneway('低保', '最低生活保障'),
  oneway('贫困户', '困难群众', '低收入'),
  oneway('高龄补贴', '高龄津贴'),
  same('补贴', '补助'),
  oneway('残疾证', '残疾人证'),
  // 生育 and family
  oneway('生孩子', '生育'),
  oneway('生娃', '生育'),
  oneway('坐月子', '产假', '生育'),
  oneway('准生证', '生育登记', '生育服务证'),
  oneway('出生证', '出生医学证明'),
  same('二胎', '二孩'),
  same('三胎', '三孩'),
  oneway('结婚证', '结婚登记'),
  oneway('离婚', '离婚登记'),
  oneway('打疫苗', '预防接种', '疫苗接种'),
  // 户籍 and identity
  oneway('户口', '户籍'),
  oneway('落户', '户籍', '户口迁移'),
  oneway('迁户口', '户口迁移'),
  oneway('身份证', '居民身份证'),
  oneway('暂住证', '居住证'),
  // Lost cards and papers: citizens say 丢了/掉了, documents and FAQs 遗失/丢失 and 补办 (社保卡丢了 = 社保卡掉了).
  // One rule, as curated_synonyms holds one row per term.
  same('丢了', '掉了', '丢失', '遗失', '补办'),
  // 教育
  oneway('孩子上学', '入学', '义务教育'),
  oneway('上学', '入学'),
  oneway('上小学', '小学', '入学'),
  oneway('上初中', '初中', '入学'),
  oneway('上幼儿园', '入园', '学前教育'),
  oneway('学区房', '学区', '入学'),
  oneway('大学生', '高校毕业生'),
  oneway('考公', '公务员招录', '公务员考试'),
  oneway('考编', '事业单位公开招聘'),
  oneway('当兵', '征兵', '应征入伍'),
  // 就业 and labour
  oneway('找工作', '就业', '求职'),
  oneway('毕业生找工作', '高校毕业生就业'),
  oneway('拖欠工资', '欠薪', '劳动报酬'),
  oneway('讨薪', '欠薪', '劳动报酬'),
  oneway('被辞退', '解除劳动合同'),
  oneway('辞职', '解除劳动合同'),
  oneway('加班费', '加班工资'),
  oneway('创业贷款', '创业担保贷款'),
  oneway('农民工', '进城务工人员', '农村劳动力'),
  // 企业 and tax
  oneway('开公司', '企业开办', '设立登记'),
  oneway('注册公司', '企业开办', '设立登记'),
  oneway('办执照', '营业执照'),
  same('个税', '个人所得税'),
  oneway('交税', '纳税', '缴税'),
  oneway('复工', '复工复产'),
  // 住房
  oneway('公积金', '住房公积金'),
  oneway('提公积金', '住房公积金提取'),
  oneway('公积金贷款', '住房公积金贷款'),
  oneway('房贷', '个人住房贷款'),
  oneway('买房', '购房', '商品房'),
  oneway('租房', '住房租赁'),
  same('公租房', '公共租赁住房'),
  oneway('廉租房', '公共租赁住房'),
  oneway('房产证', '不动产权证书', '不动产登记'),
  oneway('过户', '转移登记'),
  oneway('拆迁', '房屋征收', '征收'),
  // 交通
  oneway('驾照', '机动车驾驶证'),
  oneway('车牌', '机动车号牌'),
  oneway('罚单', '交通违法'),
  oneway('电动车', '电动自行车'),
  oneway('网约车', '网络预约出租汽车'),
  // 民生 and services
  same('噪音', '噪声'),
  oneway('养老院', '养老机构'),
  oneway('敬老院', '养老机构', '特困人员供养'),
  oneway('老人', '老年人'),
  oneway('垃圾分类', '生活垃圾分类'),
  oneway('上访', '信访'),
  oneway('投诉', '投诉举报'),
  oneway('热线', '12345', '政务服务便民热线'),
  oneway('网上办', '网上办理', '一网通办'),
  oneway('新冠', '新型冠状病毒', '新冠肺炎'),
];
