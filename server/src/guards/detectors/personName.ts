/**
 * Full names of private people (few): a known given name followed by a capitalised family
 * name, or any capitalised two-to-three word name after a person label (commit trailers,
 * `Author:`, `"name":`, greetings). Single names, handles, model names, eponyms and placeholder
 * names are not labeled.
 */
import { eachMatch, pattern } from "../scan";
import type { FindingSink } from "../types";

const GIVEN = (
  "James John Robert Michael William David Richard Joseph Thomas Charles Daniel Matthew Anthony Mark Donald Steven Paul Andrew " +
  "Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry " +
  "Justin Scott Brandon Benjamin Samuel Gregory Frank Alexander Raymond Patrick Jack Dennis Jerry Tyler Aaron Jose Nathan Henry " +
  "Peter Adam Zachary Douglas Harold Kyle Noah Ethan Lucas Liam Oliver Mason Logan Owen Connor Sean Ian Dylan Evan Luke Marcus " +
  "Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa Betty Margaret Sandra Ashley Kimberly " +
  "Emily Donna Michelle Dorothy Carol Amanda Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Shirley Angela " +
  "Helen Anna Brenda Pamela Nicole Emma Samantha Katherine Christine Debra Rachel Catherine Carolyn Janet Ruth Maria Heather " +
  "Diane Virginia Julie Joyce Victoria Olivia Kelly Christina Lauren Joan Evelyn Judith Megan Cheryl Andrea Hannah Martha " +
  "Jacqueline Frances Gloria Ann Teresa Kathryn Sara Janice Jean Alice Madison Doris Abigail Julia Judy Grace Denise Amber " +
  "Marilyn Beverly Danielle Theresa Sophia Marie Diana Brittany Natalie Isabella Charlotte Rose Alexis Kayla Chloe Mia Ava " +
  "Carlos Juan Luis Miguel Javier Alejandro Pablo Diego Sergio Jorge Fernando Ricardo Manuel Antonio Francisco Rafael Andres " +
  "Lucia Sofia Valentina Camila Isabel Carmen Elena Paula Marta Laura Ana Beatriz Ines Pilar Rocio Mercedes Gabriela Daniela " +
  "Hans Klaus Jurgen Jürgen Stefan Wolfgang Uwe Dieter Matthias Tobias Lukas Felix Maximilian Jonas Florian Sebastian Markus " +
  "Katrin Sabine Ursula Monika Petra Birgit Anke Heike Julia Lena Leonie Johanna Franziska Annika Greta " +
  "Jean Pierre Michel Philippe Nicolas Julien Antoine Mathieu Camille Hugo Louis Baptiste Guillaume Olivier Thierry Sylvie " +
  "Nathalie Isabelle Sophie Amelie Amélie Chloé Manon Juliette Margaux Celine Céline Aurelie Aurélie " +
  "Joao João Pedro Tiago Rodrigo Gustavo Thiago Bruno Leonardo Mateus Rafaela Larissa Fernanda Juliana Leticia Letícia Beatriz " +
  "Ivan Dmitry Dmitri Sergei Sergey Alexei Alexey Andrei Andrey Nikolai Vladimir Mikhail Pavel Olga Natalia Natasha Tatiana " +
  "Svetlana Irina Ekaterina Yulia Anastasia Elena Oksana Anya " +
  "Wei Li Ming Jun Hui Yan Xiao Jing Lei Fang Hao Yu Chen Jie Ying Xin Mei Lin Hua Qiang Tao Bo " +
  "Yuki Hiroshi Takashi Kenji Haruto Yuto Sota Ren Akira Satoshi Takumi Daiki Sakura Yui Aoi Hina Miyu Haruka Naoko Keiko Yoko " +
  "Priya Rahul Amit Anil Sunil Raj Rajesh Ravi Vijay Arjun Rohan Aditya Ananya Deepa Pooja Neha Kavya Sanjay Vikram Meera Aarav " +
  "Ahmed Mohammed Muhammad Mohamed Ali Omar Hassan Hussein Fatima Aisha Layla Yusuf Ibrahim Khalid Mustafa Zainab Amira " +
  "Min-jun Seo-yeon Ji-ho Ji-woo Hyun Jae Soo Kwame Kofi Ama Chinedu Ngozi Oluwaseun Tunde Thabo Sipho Lerato Aroha Mateo Santiago " +
  "Sven Lars Erik Nils Ingrid Astrid Freya Anders Bjorn Björn Piotr Tomasz Katarzyna Agnieszka Jan Pieter Sanne Femke Giulia Marco " +
  "Luca Giovanni Francesca Chiara Alessandro Matteo Lorenzo Aleksandra Mehmet Ayse Ayşe Emre Zeynep Nguyen Linh Minh Thanh Tran " +
  "Siobhan Aoife Ciaran Niamh Declan Eoin Sinead Callum Fiona Alistair Morag Rhys Gareth Bethan Dafydd Gwen Kwabena Abena Yaw " +
  "Emeka Chioma Adaeze Obinna Folake Bongani Zanele Tariq Rania Omar Karim Leila Yasmin Nadia Farah Reza Parisa Dariush Arash " +
  "Kiran Sunita Lakshmi Harpreet Gurpreet Manpreet Jasmine Tiffany Brittany Crystal Heidi Gretchen Doreen Colleen Maureen " +
  "Patrick Brendan Conor Shane Travis Wesley Dustin Derek Trevor Shawn Cody Bradley Casey Jamie Jordan Taylor Morgan Riley " +
  "Alicia Veronica Monica Claudia Adriana Paola Ximena Guadalupe Alejandra Lorena Esperanza Dolores Consuelo Rosa Silvia " +
  "Hiroko Ayumi Emiko Kaori Shota Ryo Kazuki Naoki Yusuke Daisuke Jia Xiu Zhen Qing Ling Yong Jian Feng Gang Ping Hong " +
  "Anne Annie Anika Anja Antje Agnes Alma Aurora Beatrix Bianca Bridget Brigitte Carla Carolina Cecilia Clara Claire Dana Daria " +
  "Edith Elisa Eliza Ella Ellen Elsa Eva Eve Flora Gabriele Gemma Gisela Hanna Helena Ida Ilse Irene Iris Ivy Jana Jenny Joanna " +
  "Josephine Karin Karla Katja Kira Klara Lara Leah Lea Lily Lina Livia Lotte Luisa Luise Magdalena Maja Malin Mara Margarita " +
  "Marina Marion Marlene Martina Maya Milena Miriam Nadine Nina Nora Paulina Renate Rita Roberta Romy Ronja Sabrina Selin Simone " +
  "Sonja Stella Susanne Tamara Tanja Tessa Thea Ulrike Vera Viktoria Wiebke Yara Zoe Zofia Zuzana " +
  "Albert Alfred Alvaro Andre Andreas Angelo Axel Bernd Bernard Boris Carl Christian Christoph Claudio Cristian Dario Dominik " +
  "Edgar Emil Emilio Enzo Ernesto Fabian Fabio Federico Filip Finn Franz Friedrich Gabriel Gerhard Gustav Hamza Harald Heinz " +
  "Helmut Hector Hugo Igor Jakob Janek Jannik Jaime Joaquin Joel Johan Jonah Julian Julius Karl Kai Konstantin Kurt Leon Leo Lorenz " +
  "Ludwig Malte Manfred Marek Mario Martin Max Michal Milan Moritz Nico Niklas Norbert Oscar Oskar Otto Pascal Patrik Philipp " +
  "Ralf Rainer Reinhard Rene Robin Roland Rolf Roman Ruben Rudolf Samir Simon Stanislav Theo Till Tim Timo Tom Torsten Ulrich Valentin " +
  "Victor Viktor Vincent Walter Werner Xavier Yannick Yannis Zoltan " +
  "Thandiwe Themba Nomvula Ayodele Adebayo Chukwuemeka Ifeoma Nneka Olumide Oluwadamilare Amara Kofi Esi Kwesi Akua Wanjiru Njeri Otieno " +
  "Oisin Oisín Saoirse Cormac Padraig Bartholomew Ambrose Barnaby Cedric Clement Cornelius Crispin Edmund Fergus Horace Jasper " +
  "Rupert Silas Tobias Quentin Percival Imogen Harriet Beatrice Florence Matilda Philippa Rosalind Winifred " +
  "Arjun Ishaan Vivek Nikhil Rohit Sandeep Suresh Naveen Prakash Ramesh Ganesh Harish Anjali Divya Shreya Swati Nisha Riya Tanvi " +
  "Hyun-woo Seo-jun Do-yoon Ha-eun Soo-ah Jin Sung Young-ho Mi-rae Eun-ji " +
  "Thiago Caio Vinicius Enzo Davi Heitor Arthur Lorena Bianca Yasmin Vitoria Isadora Manuela " +
  "Mikael Mika Juha Jukka Pekka Aino Eetu Oskari Lauri Timo Ville Sanna Kaisa Liisa Tuomas " +
  "Begoña Nuria Montserrat Iñaki Aitor Íñigo Unai Ainhoa Itziar Maite Amaia Rocío Inmaculada Remedios Fermín Jesús Ángel Álvaro " +
  "Óscar Rubén Raúl Adrián Iván Víctor Martín Joaquín Sebastián Nicolás Agustín Julián Germán Hernán Ramón Andrés Sofía Lucía " +
  "Tomás Tomas Sam Ben Dan Tom Nick Alex Chris Matt Mike Joe Jim Bob Rob Tony Andy Steve Dave Pete Kate Liz Beth Jess Becky Meg Jen Zach Josh " +
  "Jake Nate Greg Jeff Ken Ron Ted Phil Rick Vince Nora Abby Gabby Maddie Katie Jenna Erin Tara Kim Lori Tina Wendy " +
  "Paulo Paola Marcelo Marcela Gonzalo Ignacio Esteban Emilio Rodrigo Cristina Valeria Mariana Florencia Agustina"
)
  .split(" ")
  .filter((n) => n.length > 1);

const NOT_SURNAME = new Set([
  "The", "And", "Or", "Is", "Was", "In", "On", "At", "To", "For", "From", "With", "By", "Of", "As", "It", "This", "That", "Here",
  "There", "Optimizer", "Optimiser", "Street", "Avenue", "Road", "Lane", "Park", "Hall", "University", "College", "School",
  "Hospital", "Inc", "Ltd", "LLC", "Corp", "Company", "Group", "Team", "Project", "Server", "Client", "Code", "Model", "API",
  "Doe", "Roe", "Public", "Q", "Test", "Example", "Sample", "User", "Admin", "Bot", "Monday", "Tuesday", "Wednesday",
  "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December", "Said", "Says", "Wrote", "Asked", "Replied", "Commented", "Approved",
  "Merged", "Closed", "Opened", "Reviewed", "Added", "Removed", "Fixed", "Updated", "Please", "Thanks", "Thank", "Hi",
  "Hello", "Dear", "Will", "Can", "Could", "Should", "Would", "Has", "Had", "Have", "Did", "Does", "Not", "No", "Yes",
  "Lovelace", "Hopper", "Turing", "Torvalds", "Ritchie", "Knuth", "Dijkstra", "Newton", "Einstein", "Gauss", "Euler",
  "Engineering", "Infra", "Infrastructure", "Platform", "Operations", "Ops", "Security", "Support", "Services", "Systems",
  "Data", "Department", "Division", "Office", "Bank", "Committee", "Board", "Council", "Foundation", "Labs", "Studio",
  "Solutions", "Technologies", "Partners", "Holdings", "Engineer", "Manager", "Developer", "Designer", "Analyst", "Lead",
  "Boss", "Kong", "Lumpur", "Aires", "Angeles", "Vegas", "Francisco", "Paulo", "Janeiro", "Zealand", "Rica", "Lanka", "Arabia",
]);

const FAMOUS = new Set([
  "Louis Vuitton", "Calvin Klein", "Hugo Boss", "Ralph Lauren", "Tommy Hilfiger", "Giorgio Armani", "Coco Chanel", "Christian Dior",
  "Yves Saint", "Ted Baker", "Kate Spade", "Michael Kors", "Walt Disney", "Martin Luther", "Elon Musk", "Bill Gates", "Steve Jobs",
  "Mark Zuckerberg", "Jeff Bezos", "Tim Cook", "Sundar Pichai", "Satya Nadella", "Sam Altman", "Jensen Huang", "Larry Page",
  "Sergey Brin", "Steve Wozniak", "Tim Berners-Lee", "Barack Obama", "Donald Trump", "Joe Biden", "Taylor Swift", "Albert Einstein",
  "Isaac Newton", "Charles Darwin", "Marie Curie", "Nikola Tesla", "Thomas Edison", "Leonardo da", "William Shakespeare",
  "Guido van", "Brendan Eich", "James Gosling", "Bjarne Stroustrup", "Anders Hejlsberg", "Rob Pike", "Yukihiro Matsumoto",
  "Andrej Karpathy", "Geoffrey Hinton", "Yann LeCun", "Yoshua Bengio", "Andrew Ng", "Fei-Fei Li", "Demis Hassabis","Ada Lovelace", "Grace Hopper", "Alan Turing", "Linus Torvalds", "Guido van", "Dennis Ritchie", "Ken Thompson", "John Smith", "Jane Smith", "John Doe", "Jane Doe", "Max Mustermann", "Erika Mustermann", "Jean Dupont"]);

const UP = "A-Z\\u00c0-\\u00d6\\u00d8-\\u00de";
const LOW = "a-z\\u00df-\\u00f6\\u00f8-\\u00ff\\u0101-\\u017f";
const CAP = `[${UP}](?:['\u2019][${UP}])?[${LOW}]{1,20}(?:-[${UP}][${LOW}]{1,20})?`;
const PARTICLE = "(?:(?:van|von|de|da|del|der|den|di|le|la|du|dos|das|bin|al|el)[ \\t]{1,2}){0,2}";
const foldCache = new Map<string, string>();
const GIVEN_SET = new Set(GIVEN.map((n) => fold(n)));
/** A capitalised word followed by a family name; the first word is checked against GIVEN_SET. */
const PAIR_RE = pattern(`([${UP}][${LOW}]{1,20}(?:-[${UP}][${LOW}]{1,20})?)[ \\t]{1,2}(?:[${UP}]\\.[ \\t]{1,2})?${PARTICLE}${CAP}(?![${UP}${LOW}0-9_@])`, "g");
const WORDISH = new RegExp(`[${UP}${LOW}0-9_@.]`);
const LABELED_RE = pattern(
  `(?:Co-authored-by|Signed-off-by|Reviewed-by|Reported-by|Requested-by|Approved-by|Acked-by|Tested-by|Suggested-by|Author|Committer|Full[ _]?name|Customer|Patient|Employee|Contact(?: person)?|Assignee|Reporter|Reviewer|Approver|Requester|Owner|Maintainer|Recipient|Sender|Attendee|Organi[sz]er|Cardholder|Account holder|Beneficiary|Passenger|Tenant|Applicant|Candidate|Ansprechpartner(?:in)?|Attn|Dear|Dr|Mr|Mrs|Ms|Mx|Prof|Herr|Frau|Mme)\\.?[ \\t]{0,3}[:=]?[ \\t]{0,3}["']?(${CAP}(?:[ \\t]{1,2}${PARTICLE}${CAP}){1,2})(?![${UP}${LOW}0-9_@])`,
  "g",
);
const KEYED_RE = pattern(`["']?(?:name|full_?name|fullName|customer_?name|author|owner|patient|contact_?name)["']?\\s{0,3}[:=]\\s{0,3}["'](${CAP}[ \\t]{1,2}${PARTICLE}${CAP})(?=["'<,]|\\s<)`, "g");

/** Common family names that are not ordinary words: with any capitalised first word they make a name. */
const SURNAMES = new Set(
  (
    "Ibáñez Ibanez Núñez Nunez Sáez Sanz Marín Ortega Rubio Garrido Cortés Prieto Méndez Calvo Gallego Fuentes Carrasco Caballero " +
    "Nieto Aguirre Pascual Herrero Santana Hidalgo Montero Ibarra Arias Gallardo Lozano Vázquez Vazquez Rivas Benítez Maldonado " +
    "Cisneros Zamora Quintero Acosta Sandoval Velasco Espinoza Guerrero Estrada Figueroa Juárez Ponce Cervantes Escobar Mejía Villanueva " +
    "Garcia García Rodriguez Rodríguez Martinez Martínez Hernandez Hernández Lopez López Gonzalez González Perez " +
    "Pérez Sanchez Sánchez Ramirez Ramírez Torres Flores Rivera Gomez Gómez Diaz Díaz Reyes Morales Ortiz " +
    "Gutierrez Gutiérrez Chavez Chávez Ramos Ruiz Alvarez Álvarez Mendoza Castillo Jimenez Jiménez Moreno Romero " +
    "Herrera Medina Aguilar Vargas Fernandez Fernández Guzman Guzmán Munoz Muñoz Rojas Contreras Salazar Delgado " +
    "Vasquez Vásquez Navarro Dominguez Domínguez Iglesias Cabrera Serrano Molina Blanco Suarez Suárez Nguyen Tran " +
    "Pham Huynh Hoang Phan Dang Bui Ngo Duong Patel Sharma Singh Kumar Gupta Khan Shah Mehta Reddy Iyer Nair " +
    "Chopra Malhotra Agarwal Joshi Bhatt Verma Mishra Pandey Chauhan Kapoor Banerjee Chatterjee Mukherjee Ghosh " +
    "Dutta Krishnan Subramanian Menon Pillai Desai Kulkarni Deshpande Bhattacharya Srinivasan Venkatesh Müller " +
    "Mueller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Schaefer Koch Bauer " +
    "Richter Klein Schröder Schroeder Neumann Schwarz Zimmermann Krüger Hofmann Hartmann Lange Schmitt Krause " +
    "Meier Lehmann Schmid Schulze Köhler Herrmann König Huber Peters Scholz Möller Weiß Hahn Friedrich Günther " +
    "Berger Winkler Baumann Franke Albrecht Schuster Ludwig Böhm Kraus Schumacher Krämer Vogt Jäger Groß Seidel " +
    "Heinrich Brandt Haas Schreiber Schulte Dietrich Ziegler Kuhn Kühn Pohl Bergmann Voigt Sauer Pfeiffer Dubois " +
    "Durand Lefebvre Lefèvre Leroy Moreau Girard Bonnet Dupont Fontaine Rousseau Lefevre Faure Mercier Guerin " +
    "Guérin Boyer Garnier Chevalier Legrand Gauthier Perrin Morin Roussel Masson Marchand Duval Lemaire Dufour " +
    "Meunier Brun Blanchard Giraud Barbier Arnaud Rolland Vidal Caron Picard Fabre Aubert Lemoine Renaud Dumas " +
    "Lacroix Bourgeois Leclerc Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Gallo Conti " +
    "Mancini Giordano Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani Rinaldi Caruso Ferrara Galli Martini " +
    "Longo Gentile Martinelli Vitale Lombardo Coppola Ferri Fabbri Bernardi Marchetti Pellegrini Palumbo Sanna " +
    "Farina Rizzi Cattaneo Morelli Silvestri Mazza Grassi Pellegrino Carbone Giuliani Benedetti Barone Rossetti " +
    "Caputo Montanari Palmieri Bernardini Martino Ferretti Bellini Basile Donati Piras Vitali Battaglia Sartori " +
    "Costantini Milani Pagano Ruggiero Sorrentino Negri Silva Santos Oliveira Souza Pereira Rodrigues Almeida " +
    "Nascimento Araujo Araújo Fernandes Carvalho Gomes Martins Ribeiro Alves Monteiro Mendes Barros Freitas " +
    "Barbosa Moura Cavalcanti Cardoso Teixeira Correia Azevedo Lopes Vieira Soares Machado Nunes Marques Batista " +
    "Andrade Sousa Magalhães Pinheiro Figueiredo Ivanov Ivanova Smirnov Smirnova Kuznetsov Kuznetsova Popov Popova " +
    "Petrov Petrova Sokolov Sokolova Mikhailov Novikov Fedorov Morozov Volkov Alekseev Lebedev Semenov Egorov " +
    "Pavlov Kozlov Stepanov Nikolaev Orlov Andreev Makarov Zakharov Zaitsev Solovyov Borisov Yakovlev Grigoriev " +
    "Romanov Vorobyov Sergeev Kovalenko Bondarenko Shevchenko Kovalchuk Tkachenko Kravchenko Oliynyk Melnyk Boyko " +
    "Moroz Lysenko Rudenko Wang Zhang Liu Chen Yang Huang Zhao Zhou Xu Guo Luo Liang Zheng Xie Tang Feng Deng Peng " +
    "Zeng Xiao Tian Yuan Cai Jiang Cheng Shen Yao Zhong Wong Cheung Leung Chow Yip Tsang Chong Teo Goh Chua Sato " +
    "Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada Sasaki Yamaguchi " +
    "Matsumoto Inoue Kimura Hayashi Shimizu Yamazaki Ikeda Hashimoto Ishikawa Ogawa Okada Goto Hasegawa Murakami " +
    "Kondo Ishii Sakamoto Endo Aoki Fujii Nishimura Fukuda Miura Fujiwara Okamoto Matsuda Nakagawa Nakano Harada " +
    "Ono Tamura Takeuchi Kaneko Wada Nakayama Ishida Ueda Morita Hara Shibata Sakai Kudo Yokoyama Miyazaki " +
    "Miyamoto Uchida Takagi Ando Taniguchi Ohno Maruyama Imai Takada Fujita Kono Sugiyama Murata Park Choi Jeong " +
    "Kang Cho Yoon Jang Kwon Hwang Ahn Yoo Jeon Bae Baek Heo Shim Noh Kwak Seong Cha Ryu Ahmed Mohamed Mohammed " +
    "Hassan Hussein Ibrahim Mahmoud Mustafa Abdullah Rahman Haddad Khalil Nasser Saleh Mansour Farouk Aziz Karimi " +
    "Hosseini Mohammadi Rezaei Ahmadi Jafari Moradi Sadeghi Hashemi Mousavi Qureshi Siddiqui Chaudhry Iqbal " +
    "Hussain Akhtar Rashid Hamid Yousef Youssef Darwish Awad Najjar Khoury Okafor Okeke Mensah Nkosi Dlamini " +
    "Okonkwo Adeyemi Adebayo Mwangi Otieno Kamau Njoroge Achieng Boateng Asante Owusu Mokoena Ndlovu Khumalo " +
    "Mahlangu Nwosu Olawale Oyelaran Abubakar Danjuma Kariuki Wanjiku Ochieng Odhiambo Mutua Kiplagat Tshabalala " +
    "Mthembu Sithole Naidoo Pillay Govender Kowalski Kowalska Nowak Wiśniewski Wisniewski Wiśniewska Wójcik Wojcik " +
    "Kowalczyk Kamiński Kaminski Lewandowski Zieliński Zielinski Szymański Szymanski Woźniak Wozniak Dąbrowski " +
    "Dabrowski Kozłowski Jankowski Krawczyk Piotrowski Grabowski Pawłowski Michalski Nowicki Adamczyk Dudek Zając " +
    "Wieczorek Jabłoński Majewski Olszewski Jaworski Malinowski Pawlak Witkowski Walczak Stępień Górski Rutkowski " +
    "Michalak Sikora Ostrowski Szewczyk Tomaszewski Pietrzak Marciniak Wróbel Zalewski Jakubowski Jasiński " +
    "Zawadzki Sadowski Bąk Chmielewski Włodarczyk Borkowski Czarnecki Sawicki Sokołowski Urbański Kubiak " +
    "Maciejewski Szczepański Kucharski Kalinowski Mazurek Wysocki Adamski Kaźmierczak Wasilewski Sobczak " +
    "Czerwiński Andrzejewski Cieślak Głowacki Zakrzewski Kołodziej Sikorski Krajewski Gajewski Szymczak Szulc " +
    "Baranowski Laskowski Brzeziński Makowski Ziółkowski Przybylski Novak Horvat Kovačević Kovacevic Novotny " +
    "Novotný Svoboda Dvořák Dvorak Černý Procházka Kučera Veselý Horák Němec Pokorný Pospíšil Hájek Jelínek Král " +
    "Růžička Beneš Fiala Sedláček Doležal Zeman Kolář Navrátil Čermák Vaněk Blažek Kříž Kovář Kratochvíl Bartoš " +
    "Vlček Polák Kopecký Musil Šimek Konečný Štěpánek Kadlec Dušek Staněk Petrović Jovanović Nikolić Marković " +
    "Đorđević Stojanović Ilić Stanković Pavlović Milošević Popović Kovač Babić Marić Jurić Knežević Vuković Tomić " +
    "Matić Perić Lukić Radić Šarić Lovrić Kralj Vidović Pavić Božić Blažević Grgić Mihajlović Todorović Simić " +
    "Jansen Janssen Bakker Visser Smit Meijer Mulder Bos Vos Hendriks Dekker Brouwer Dijkstra Verhoeven Timmermans " +
    "Willems Maes Claes Goossens Wouters Vermeulen Peeters Mertens Jacobs Vandenberghe Desmet Lambrechts Aerts " +
    "Smets Hermans Martens Michiels Coppens Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson " +
    "Svensson Gustafsson Pettersson Jonsson Jansson Hansson Bengtsson Lindqvist Lindberg Lindström Lindgren " +
    "Axelsson Berglund Sandberg Forsberg Sjöberg Lundberg Wallin Engström Eklund Danielsson Lundqvist Hansen " +
    "Nielsen Jensen Pedersen Andersen Christensen Larsen Sørensen Sorensen Rasmussen Johansen Olsen Petersen " +
    "Kristensen Madsen Mortensen Jørgensen Haugen Hagen Johannessen Halvorsen Bakken Solberg Virtanen Korhonen " +
    "Nieminen Mäkinen Makinen Hämäläinen Laine Heikkinen Koskinen Järvinen Lehtonen Lehtinen Saarinen Salminen " +
    "Heinonen Niemi Heikkilä Kinnunen Salonen Turunen Laitinen Tuominen Rantanen Karjalainen Jokinen Mattila " +
    "Savolainen Lahtinen Ahonen Murphy Sullivan Walsh Byrne O'Brien O'Connor O'Neill O'Sullivan O'Reilly Doyle " +
    "McCarthy Gallagher Doherty Kennedy McLaughlin Carroll Connolly Daly Brennan Kavanagh Fitzgerald Higgins " +
    "Flanagan Fitzpatrick Dunne Farrell MacDonald McDonald Robertson Thomson Anderson Macleod Mackenzie Mackay " +
    "Yilmaz Yılmaz Kaya Demir Sahin Şahin Celik Çelik Yildiz Yıldız Yildirim Yıldırım Ozturk Öztürk Aydin Aydın " +
    "Ozdemir Özdemir Arslan Dogan Doğan Kilic Kılıç Aslan Cetin Çetin Koc Koç Ozkan Özkan Simsek Şimşek Korkmaz " +
    "Erdogan Erdoğan Cohen Levi Levy Mizrahi Peretz Biton Friedman Katz Goldberg Shapiro Rosenberg Kaplan Schwartz " +
    "Weiss Rosen Goldstein Greenberg Feldman Adler Horowitz Hirsch Abramov Ben-David Avraham Henderson Harrison "
  ).split(" ").filter((n) => n.length > 1),
);
/** Capitalised words that start phrases, titles and places rather than a given name. */
const NOT_GIVEN = new Set(
  "The This That These Those And But For From With Without About After Before Ask Tell Call Email Ping Contact Thanks Thank Hi Hello Hey Dear Please Mr Mrs Ms Dr Prof Professor Doctor Sir Madam Lady Lord King Queen Prince Princess Saint San Santa Mount Lake Port Fort New North South East West Upper Lower Old Great Little Big Team Project Cafe Hotel Restaurant University College School Hospital Bank Street Avenue Road Casa Villa Via Rue Calle Plaza Club Studio Office House Tower Center Centre Chez Maison Family Group Company Agent Captain General Senator President Minister Judge Officer Detective Inspector Sergeant Uncle Aunt Mom Dad Grandma Grandpa Miss Mister Herr Frau Monsieur Madame Signor Signora Sensei Coach Pastor Father Brother Sister Reverend Using Use See Run Set Get Add Fix Update Merge Revert Release Version Chapter Section Table Figure Step Phase Sprint Is Are Was Were Has Have Will Can Should Would Could Did Does Not No Yes All Any Some Every Each My Our Your Their His Her Its When While Where What Who Why How Then Also Only Just Dynasty Restaurante Museum Museo Station Airport Bridge Park Square Market Store Shop Mall Library Church Temple Palace Castle Institute Foundation Association Society Ministry Department Region Province County District City Town Village Island Valley River Beach Hill Mountain".split(" "),
);

/** Cyrillic names: a known given name followed by a capitalised family name. */
const GIVEN_CYR = new Set(
  "Иван Анна Ольга Дмитрий Сергей Алексей Мария Елена Наталья Андрей Михаил Татьяна Екатерина Николай Владимир Павел Ирина Светлана Юлия Анастасия Александр Александра Максим Артём Артем Егор Никита Роман Виктор Игорь Олег Юрий Евгений Евгения Ксения Дарья Полина Вера Людмила Галина Марина Оксана Тарас Богдан Олена Дмитро Андрій Ганна"
    .split(" "),
);
const CYR_PAIR = pattern(`([\u0410-\u042f\u0401][\u0430-\u044f\u0451]{1,20})[ \t]{1,2}([\u0410-\u042f\u0401][\u0430-\u044f\u0451]{1,20}(?:-[\u0410-\u042f\u0401][\u0430-\u044f\u0451]{1,20})?)(?![\u0400-\u04ff])`, "g");
/** A further capitalised word after a pair (`Anna Maria` + `Rossi`), not followed by yet another. */
const EXTRA_WORD = new RegExp(`[ \t]{1,2}(${CAP})(?![${UP}${LOW}0-9_@]|[ \t]{1,2}[${UP}])`, "y");

/** Lower-cases and strips accents, so "Lucía" matches "Lucia". */
function fold(name: string): string {
  let v = foldCache.get(name);
  if (v === undefined) {
    v = /^[A-Za-z-]*$/.test(name) ? name.toLowerCase() : name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    if (foldCache.size > 4096) foldCache.clear();
    foldCache.set(name, v);
  }
  return v;
}

/** Pushes full names of people. */
export function detectPersonNames(text: string, sink: FindingSink): void {
  const push = (start: number, value: string): void => {
    const words = value.split(/\s+/);
    if (FAMOUS.has(`${words[0]} ${words[1]}`)) return;
    for (let k = 1; k < words.length; k++) if (NOT_SURNAME.has(words[k]!)) return;
    sink("PERSON_NAME", start, start + value.length, 1);
  };
  eachMatch(PAIR_RE, text, (m) => {
    // The pair must start a word (checked here so the regex can skip ahead to capitals).
    if (m.index > 0 && WORDISH.test(text[m.index - 1]!)) {
      PAIR_RE.lastIndex = m.index + m[1]!.length + 1;
      return;
    }
    if (GIVEN_SET.has(fold(m[1]!)) || GIVEN_SET.has(fold(m[1]!.split("-")[0]!))) {
      // Three-word names: a given name, a second given name or family name, and a family name.
      EXTRA_WORD.lastIndex = m.index + m[0].length;
      const extra = EXTRA_WORD.exec(text);
      if (extra && !NOT_SURNAME.has(extra[1]!) && !m[0].includes(".")) {
        push(m.index, m[0] + extra[0]);
        PAIR_RE.lastIndex = m.index + m[0].length + extra[0].length;
      } else push(m.index, m[0]);
    }
    // Family name first, given name second (`Tanaka Hiroshi`, `Wang Wei`).
    else if (SURNAMES.has(m[1]!) && GIVEN_SET.has(fold(m[0].slice(m[0].lastIndexOf(" ") + 1))) && !/[ \t]{2}|\./.test(m[0])) push(m.index, m[0]);
    // A known family name after an unknown capitalised first word (`Thabiso Mokoena`).
    else if (SURNAMES.has(m[0].slice(m[0].lastIndexOf(" ") + 1)) && !NOT_GIVEN.has(m[1]!) && !NOT_SURNAME.has(m[1]!) && m[1]!.length >= 3 && !/[ \t]{2}|\./.test(m[0])) push(m.index, m[0]);
    // Otherwise the second word may itself start a name ("Yesterday Maria Garcia").
    else PAIR_RE.lastIndex = m.index + m[1]!.length + 1;
  });
  eachMatch(LABELED_RE, text, (m) => {
    // A label starts a word (`Dr.` but not the end of `HDr`).
    if (m.index > 0 && WORDISH.test(text[m.index - 1]!)) return;
    push(m.index + m[0].lastIndexOf(m[1]!), m[1]!);
  });
  if (/[\u0410-\u042f]/.test(text)) {
    eachMatch(CYR_PAIR, text, (m) => {
      if (m.index > 0 && /[\u0400-\u04ff]/.test(text[m.index - 1]!)) return;
      if (GIVEN_CYR.has(m[1]!)) sink("PERSON_NAME", m.index, m.index + m[0].length, 1);
    });
  }
  eachMatch(KEYED_RE, text, (m) => push(m.index + m[0].lastIndexOf(m[1]!), m[1]!));
}
