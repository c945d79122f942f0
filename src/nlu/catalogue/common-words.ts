/**
 * Frequent en/es/pt words (accent-free, lowercase). A word in this list is never matched
 * fuzzily against a team or tournament and never becomes a derived alias: "semana" must not
 * turn into "Sevilla" and "city" alone is not a club. The words of placing a stake ("manda",
 * "bota", "ponle", "20 pila") sit next to team names, one letter from some nickname ("manya").
 */
const WORDS = `
a about above after again against all also always am an and another any anyone anything are around as ask at away
back bad be because been before being best better between big bit both but buy by call can cant could day days
did do does doing done dont down each else even ever every everything few find first for from full game games get
give go going good got great had has have having he hello help her here him his home how however i if in into is
it its just keep know last later least left less let like line little long look lot made make many match matches
may maybe me mean might more most much must my name need never new next nice night no none not nothing now of off
often old on once one only open or other our out over own pay people place play played player players please point
pretty put quite rather really right round same say says season see seem send set she should show side since so
some something soon start still stop such sure take team teams tell than thank thanks that the their them then
there these they thing things think this those though through time times to today tomorrow tonight too top try
turn two under until up upon us use very want was watch way we week weekend well were what when where which
while who whole why will win with without won work world would year years yes yet you your
city united river plate real club sport sports sporting villa paris saint royal national inter state
young boys star stars league cup final finals champion champions winner winners super under over
bucks buck heat thunder suns magic jazz kings bulls nets crew fire union
weather photosynthesis essay pizza place restaurant movie music money balance account wallet funds
minute minutes hour hours month months monday tuesday wednesday thursday friday saturday sunday
later maybe thanks please hello hola adios gracias
abajo acerca ademas ahi ahora al algo algun alguna alguno algunos alla alli ante antes aqui asi aun aunque bien
bueno buena buenas buenos cada casa como con contra cual cuales cuando cuanto cuantos cuenta de del dame decir
desde despues dia dias donde dos el ella ellos en entre equipo era eres es esa ese eso esta estan estar este
esto estos fin fue gana ganar gente hacer hay hora horas hoy juega jugar la las le les liga lo los luego mal manana
mas me mejor menos mi mientras mio mis mucho muy nada ni no noche nos nosotros nuevo o otra otro para partido
partidos pero poco por porque pregunta puede pues que quien quiero saber se semana semanas ser si siempre sin
sobre solo son su sus tal tambien tarde te tengo tiene tienen todo todos tu un una uno unos usted ver vez ya yo
semilla sevillana valenciana madrileno real verdad dinero saldo apuesta apuestas cuota cuotas momios
ai ainda ate cada coisa com como contra da das de dele depois deu dia dias do dos e ela ele eles em entao essa
esse esta estao este eu faz fazer foi fim hoje isso jogo jogos joga jogar la mais mas me meu minha muito na nao
nas no noite nos nossa num numa o os ou para pela pelo pode por porque pra pro quais qual quando quanto que quem
saber se sem ser seu sua sobre so tambem tem tempo tenho time times tudo um uma uns voce voces ja amanha semana
saldo conta aposta apostas dinheiro valeu obrigado oi ola tchau bom boa
bet bets stake stakes put chuck punt wager odds quid quids tenner fiver dollars
manda mandale mando mande pon pone ponle ponme pongo mete metele meteme meto dale apuesto apostale juegale echale
tirale pila pilas lucas luca mango mangos varos plata guita pesos dolares euros fecha
bota boto botar coloca coloco colocar poe crava cravo aposto fechou fechado bora vamo vamos vai conto contos
reais grana paus bala man dude bro mate mano cara
`;

export const COMMON_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));

/** Words in club names that say nothing about which club ("FC", "Real", "Olympique"…). */
export const GENERIC_NAME_WORDS: ReadonlySet<string> = new Set(
  'fc cf sc ac as afc ssc sl cp club de del do da la el los las real atletico athletic olympique sporting united city borussia inter sport racing deportivo esporte clube calcio association'.split(
    ' ',
  ),
);
